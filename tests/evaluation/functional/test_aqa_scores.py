import numpy as np
import pytest
from scipy.stats import spearmanr

from mmfine.evaluation.functional import fisher_z_mean, relative_l2, srcc


@pytest.mark.parametrize('seed', range(5))
def test_srcc_equals_scipy_with_ties(seed):
    rng = np.random.default_rng(seed)
    pred = rng.integers(0, 6, 40).astype(float)  # many ties
    gt = pred + rng.normal(0, 2, 40).round()
    assert srcc(pred, gt) == pytest.approx(spearmanr(pred, gt)[0])


def test_srcc_constant_and_bad_input():
    assert srcc([1, 1, 1], [1, 2, 3]) == 0.0
    with pytest.raises(ValueError, match='3 predictions for 2'):
        srcc([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match='at least 2'):
        srcc([1], [1])
    with pytest.raises(ValueError, match='NaN'):
        srcc([1, np.nan], [1, 2])


def test_fisher_z_mean_reproduces_the_papers_averages():
    # CoFInAl Table 1: Fis-V TES/PCS and RG's four apparatus
    assert round(fisher_z_mean([0.716, 0.843]), 3) == 0.788
    assert round(fisher_z_mean([0.809, 0.806, 0.804, 0.810]), 3) == 0.807
    assert round(fisher_z_mean([0.746, 0.802, 0.765, 0.741]), 3) == 0.765
    # not the arithmetic mean
    assert fisher_z_mean([0.2, 0.9]) == pytest.approx(
        np.tanh((np.arctanh(0.2) + np.arctanh(0.9)) / 2))
    assert fisher_z_mean([0.2, 0.9]) != pytest.approx(0.55)
    assert fisher_z_mean([1.0, 1.0]) == pytest.approx(1.0)


def test_fisher_z_mean_bad_input():
    with pytest.raises(ValueError, match='at least one'):
        fisher_z_mean([])
    with pytest.raises(ValueError, match=r'\[-1, 1\]'):
        fisher_z_mean([0.5, 1.2])


def test_relative_l2():
    assert relative_l2([1, 3], [2, 5], (0, 10)) == pytest.approx(
        (0.1**2 + 0.2**2) / 2)
    with pytest.raises(ValueError, match='max > min'):
        relative_l2([1, 2], [1, 2], (5, 5))
