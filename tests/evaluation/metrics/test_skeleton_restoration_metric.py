import numpy as np
import pytest

from mmfine.evaluation import SkeletonRestorationMetric


def loop_mpjpe(pred, gt, frames):
    errs = [np.sqrt(((pred[t, v] - gt[t, v])**2).sum())
            for t in frames for v in range(gt.shape[1])]
    return np.mean(errs)


def run(samples, **kwargs):
    metric = SkeletonRestorationMetric(**kwargs)
    metric.process(None, samples)
    return metric.compute_metrics(metric.results)


def test_values_against_loops():
    rng = np.random.default_rng(0)
    gt = rng.normal(size=(1, 10, 4, 2))
    pred = gt + rng.normal(scale=0.1, size=gt.shape)
    mask = (rng.random((1, 10)) > 0.5).astype(float)
    res = run([dict(pred_skeleton=pred, gt_skeleton=gt, frame_mask=mask)])
    assert res['MPJPE'] == pytest.approx(loop_mpjpe(pred[0], gt[0],
                                                    range(10)))
    s = (gt * pred).sum() / (pred * pred).sum()
    assert res['N-MPJPE'] == pytest.approx(
        loop_mpjpe(s * pred[0], gt[0], range(10)))
    assert res['MPJVE'] == pytest.approx(
        loop_mpjpe(np.diff(pred[0], axis=0), np.diff(gt[0], axis=0),
                   range(9)))
    dropped = run([dict(pred_skeleton=pred, gt_skeleton=gt,
                        frame_mask=mask)], frames='dropped')
    assert dropped['MPJPE'] == pytest.approx(
        loop_mpjpe(pred[0], gt[0], np.flatnonzero(mask[0] == 0)))


def test_scaled_prediction_has_zero_n_mpjpe():
    gt = np.random.default_rng(1).normal(size=(2, 6, 3, 2))
    res = run([dict(pred_skeleton=0.5 * gt, gt_skeleton=gt,
                    frame_mask=np.ones((2, 6)))])
    assert res['N-MPJPE'] == pytest.approx(0, abs=1e-12)
    assert res['MPJPE'] > 0.1


def test_missing_field_is_named():
    with pytest.raises(KeyError, match='pred_skeleton'):
        run([dict(gt_skeleton=np.zeros((1, 2, 2, 2)))])
