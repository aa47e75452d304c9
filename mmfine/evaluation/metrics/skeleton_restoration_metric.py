"""Skeleton restoration errors MPJPE, N-MPJPE and MPJVE (FineTec Table 3)."""
from typing import Dict, List, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric

from mmaction.registry import METRICS
from .host_array import host_array


def mpjpe(pred: np.ndarray, gt: np.ndarray, weight: np.ndarray) -> float:
    """Mean L2 error per joint over frames weighted by ``weight`` ``(T,)``;
    ``pred``, ``gt``: ``(T, V, C)``."""
    err = np.linalg.norm(pred - gt, axis=-1).mean(-1)
    return float((err * weight).sum() / weight.sum())


def n_mpjpe(pred: np.ndarray, gt: np.ndarray, weight: np.ndarray) -> float:
    """MPJPE after scaling ``pred`` by ``s = sum(gt pred) / sum(pred pred)``
    (the least-squares scale)."""
    denom = float((pred * pred).sum())
    scale = float((gt * pred).sum()) / denom if denom > 0 else 1.0
    return mpjpe(scale * pred, gt, weight)


def mpjve(pred: np.ndarray, gt: np.ndarray, weight: np.ndarray) -> float:
    """MPJPE of the first differences in time; a difference counts when
    either of its frames is weighted."""
    pair = np.maximum(weight[1:], weight[:-1])
    return mpjpe(np.diff(pred, axis=0), np.diff(gt, axis=0), pair)


@METRICS.register_module()
class SkeletonRestorationMetric(BaseMetric):
    """MPJPE, N-MPJPE and MPJVE of restored skeletons, averaged per clip.

    Reads ``pred_skeleton``, ``gt_skeleton`` ``(num_clips, T, V, C)`` and
    ``frame_mask`` ``(num_clips, T)`` from each data sample (as set by
    ``SkeletonCompletionModel``). Errors are in the skeletons' units
    (normalised image coordinates for 2D pipelines).

    Args:
        frames (str): ``'all'`` averages over every frame (observed frames
            are exact for every method, as in the paper's table) or
            ``'dropped'`` over the dropped frames only (a clip without a
            dropped frame counts all its frames). Defaults to ``'all'``.
        **kwargs: Arguments of ``BaseMetric`` (``collect_device``,
            ``prefix``).
    """
    default_prefix = 'restore'

    def __init__(self, frames: str = 'all', **kwargs) -> None:
        super().__init__(**kwargs)
        if frames not in ('all', 'dropped'):
            raise ValueError(f"frames must be 'all' or 'dropped', got "
                             f'{frames!r}')
        self.frames = frames

    def process(self, data_batch, data_samples: Sequence[Dict]) -> None:
        for sample in data_samples:
            for key in ('pred_skeleton', 'gt_skeleton', 'frame_mask'):
                if key not in sample:
                    raise KeyError(f'SkeletonRestorationMetric needs '
                                   f'{key!r} in the predictions')
            preds = host_array(sample['pred_skeleton'], np.float64)
            gts = host_array(sample['gt_skeleton'], np.float64)
            masks = host_array(sample['frame_mask'], np.float64)
            for pred, gt, keep in zip(preds, gts, masks):
                weight = np.ones_like(keep) if self.frames == 'all' else \
                    1.0 - keep
                if weight.sum() == 0:
                    weight = np.ones_like(keep)
                self.results.append(
                    (mpjpe(pred, gt,
                           weight), n_mpjpe(pred, gt,
                                            weight), mpjve(pred, gt, weight)))

    def compute_metrics(self, results: List) -> Dict[str, float]:
        values = np.asarray(results).mean(0)
        return dict(zip(('MPJPE', 'N-MPJPE', 'MPJVE'), values.tolist()))
