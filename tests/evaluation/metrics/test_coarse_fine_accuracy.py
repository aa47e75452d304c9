"""Coarse and fine top-1 on hand-counted predictions; fine accuracy only
where the fine classes are the model's."""
import pytest
import torch

from mmfine.evaluation.metrics import CoarseFineAccuracy


def sample(coarse_pred, coarse_gt, fine_pred=None, fine_gt=-1):
    out = dict(
        pred_score=torch.eye(3)[coarse_pred],
        gt_label=torch.tensor([coarse_gt]),
        fine_label=fine_gt)
    if fine_pred is not None:
        out['pred_fine_score'] = torch.eye(6)[fine_pred]
    return out


def run(metric, samples):
    metric.process({}, samples)
    return metric.compute_metrics(metric.results)


def test_hand_counted_accuracies():
    samples = [
        sample(0, 0, 1, 1),
        sample(1, 2, 3, 4),
        sample(2, 2, 5, 5),
        sample(1, 1, 2, 3)
    ]
    assert run(CoarseFineAccuracy(), samples) == dict(
        coarse_top1=75.0, fine_top1=50.0)
    assert run(CoarseFineAccuracy(fine=False),
               samples) == dict(coarse_top1=75.0)


def test_no_fine_figure_without_fine_predictions_or_labels():
    assert run(CoarseFineAccuracy(),
               [sample(0, 0), sample(1, 0)]) == dict(coarse_top1=50.0)
    assert 'fine_top1' not in run(CoarseFineAccuracy(), [sample(0, 0, 1, -1)])


def test_no_samples_is_an_error():
    with pytest.raises(ValueError, match='no samples'):
        CoarseFineAccuracy().compute_metrics([])
