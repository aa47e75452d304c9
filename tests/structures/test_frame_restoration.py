import numpy as np
import pytest
import torch

from mmfine.structures import (left_to_right_copy, linear_interpolation,
                               local_polynomial, right_to_left_copy)

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


def _polyfit_reference(seq, keep, neighbours, degree):
    """numpy.polyfit through the nearest observed frames of each dropped
    frame; linear interpolation where a side has too few."""
    out = linear_interpolation(seq, keep).numpy()
    for n in range(seq.shape[0]):
        kept = np.flatnonzero(keep[n].numpy())
        for f in np.flatnonzero(keep[n].numpy() == 0):
            before = kept[kept < f][-neighbours:]
            after = kept[kept > f][:neighbours]
            if min(len(before), len(after)) < neighbours:
                continue
            index = np.r_[before, after]
            values = seq[n, index].reshape(len(index), -1).numpy()
            out[n, f] = np.polyfit(index - f, values,
                                   degree)[-1].reshape(seq.shape[2:])
    return out


@pytest.mark.parametrize('neighbours,degree', [(2, 1), (2, 3), (3, 2),
                                               (4, 3)])
def test_local_polynomial_matches_numpy_polyfit(neighbours, degree):
    rng = np.random.default_rng(1)
    seq = torch.as_tensor(rng.normal(size=(3, 30, 4, 2)))
    keep = torch.as_tensor(rng.random((3, 30)) > 0.4).double()
    keep[:, 0] = 1
    out = local_polynomial(seq, keep, neighbours, degree)
    np.testing.assert_allclose(
        out.numpy(),
        _polyfit_reference(seq, keep, neighbours, degree),
        atol=1e-9)
    kept = keep.bool()
    np.testing.assert_array_equal(out[kept].numpy(), seq[kept].numpy())


def test_local_polynomial_restores_a_parabola_that_interpolation_cuts():
    t = torch.arange(12, dtype=torch.float64)
    seq = (0.5 * t**2 - 3 * t + 1)[None, :, None]
    keep = torch.ones(1, 12, dtype=torch.float64)
    keep[0, 4:8] = 0
    np.testing.assert_allclose(
        local_polynomial(seq, keep, 2, 2)[0, :, 0].numpy(),
        seq[0, :, 0].numpy(),
        atol=1e-9)
    assert (linear_interpolation(seq, keep) - seq).abs().max() > 1
    np.testing.assert_allclose(
        local_polynomial(seq, keep, 1, 1).numpy(),
        linear_interpolation(seq, keep).numpy(),
        atol=1e-12)


@pytest.mark.parametrize('neighbours,degree', [(0, 0), (2, 4), (1, 2),
                                               (2, -1)])
def test_local_polynomial_refuses_underdetermined_fits(neighbours, degree):
    with pytest.raises(ValueError, match='degree < 2 x neighbours'):
        local_polynomial(SEQ, KEEP, neighbours, degree)
