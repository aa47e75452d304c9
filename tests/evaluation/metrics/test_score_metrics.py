import numpy as np
import pytest
from scipy.stats import spearmanr

from mmfine.evaluation.metrics import RelativeL2Distance, SpearmanCorrelation


def samples(rng, group, n=12):
    gt = rng.uniform(0, 20, n)
    pred = gt + rng.normal(0, 4, n)
    return [
        dict(
            pred_score=p,
            gt_score=g,
            score_range=(0.0, 20.0),
            score_group=group) for p, g in zip(pred, gt)
    ]


def test_spearman_per_group_and_fisher_z_average():
    rng = np.random.default_rng(0)
    ball, hoop = samples(rng, 'Ball'), samples(rng, 'Hoop')
    metric = SpearmanCorrelation()
    metric.process(None, ball + hoop)
    out = metric.compute_metrics(metric.results)
    rhos = [
        spearmanr([s['pred_score'] for s in g], [s['gt_score'] for s in g])[0]
        for g in (ball, hoop)
    ]
    assert out['srcc_Ball'] == pytest.approx(rhos[0])
    assert out['srcc_Hoop'] == pytest.approx(rhos[1])
    assert out['srcc'] == pytest.approx(np.tanh(np.mean(np.arctanh(rhos))))


def test_relative_l2_in_percent_of_the_range():
    metric = RelativeL2Distance()
    metric.process(None, [
        dict(pred_score=2.0, gt_score=4.0, score_range=(0, 20)),
        dict(pred_score=10.0, gt_score=10.0, score_range=(0, 20))
    ])
    out = metric.compute_metrics(metric.results)
    assert out['rl2'] == pytest.approx(100 * (0.1**2) / 2)


def test_score_metric_names_missing_fields():
    with pytest.raises(KeyError, match='pred_score'):
        SpearmanCorrelation().process(None, [dict(gt_score=1.0)])
