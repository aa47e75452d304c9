import math

import pytest
import torch

from mmfine.models import adaptive_regulation


def test_adaptive_regulation_matches_the_formula():
    probs = torch.tensor([[[0.7, 0.2, 0.1], [0.3, 0.3, 0.4]],
                          [[0.5, 0.4, 0.1], [0.1, 0.2, 0.7]],
                          [[0.9, 0.05, 0.05], [0.2, 0.2, 0.6]]])
    out = adaptive_regulation(probs)
    for b in range(2):
        mean = [sum(probs[u, b, c].item() for u in range(3)) / 3
                for c in range(3)]
        c = max(range(3), key=lambda k: mean[k])
        values = [probs[u, b, c].item() for u in range(3)]
        sigma = math.sqrt(sum((v - mean[c])**2 for v in values) / 2)
        eta1 = 2 / (1 + math.exp(-(math.exp(mean[c]) - math.e)))
        eta2 = 2 * (1 / (1 + math.exp(-1 / (20 * sigma + 1e-9))) - 0.5)
        assert out['label'][b] == c
        assert out['mu'][b].item() == pytest.approx(mean[c])
        assert out['sigma'][b].item() == pytest.approx(sigma, rel=1e-5)
        assert out['weight'][b].item() == pytest.approx(eta1 * eta2,
                                                        rel=1e-5)


def test_weight_is_one_for_certain_and_stable_predictions():
    probs = torch.zeros(10, 1, 4)
    probs[..., 2] = 1
    assert adaptive_regulation(probs)['weight'].item() == pytest.approx(1.0)
