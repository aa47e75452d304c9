import numpy as np
import pytest
import torch

from mmfine.structures import (left_to_right_copy, linear_interpolation,
                               right_to_left_copy)

KEEP = torch.tensor([[0, 1, 0, 0, 1, 0, 1, 0.]])
SEQ = torch.tensor([[0, 10, 0, 0, 40, 0, 70, 0.]])[..., None]


def test_copies():
    np.testing.assert_array_equal(
        left_to_right_copy(SEQ, KEEP)[0, :, 0], [10, 10, 10, 10, 40, 40, 70,
                                                 70])
    np.testing.assert_array_equal(
        right_to_left_copy(SEQ, KEEP)[0, :, 0], [10, 10, 40, 40, 40, 70, 70,
                                                 70])


def test_linear_interpolation_matches_numpy():
    rng = np.random.default_rng(0)
    seq = torch.as_tensor(rng.normal(size=(3, 20, 5, 2)))
    keep = torch.as_tensor(rng.random((3, 20)) > 0.6).double()
    keep[:, 7] = 1
    out = linear_interpolation(seq * keep[..., None, None], keep).numpy()
    for n in range(3):
        kept = np.flatnonzero(keep[n].numpy())
        for v in range(5):
            for c in range(2):
                ref = np.interp(np.arange(20), kept, seq[n, kept, v, c])
                np.testing.assert_allclose(out[n, :, v, c], ref, atol=1e-12)


def test_nothing_observed_is_an_error():
    with pytest.raises(ValueError, match='every frame dropped'):
        linear_interpolation(SEQ, torch.zeros_like(KEEP))
