"""Coarse and fine top-1 accuracy of the motion-transferability
benchmark."""
from typing import Dict, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric

from mmaction.registry import METRICS
from .host_array import host_array


@METRICS.register_module()
class CoarseFineAccuracy(BaseMetric):
    """Top-1 accuracy in % of the coarse classes (``pred_score`` against
    ``gt_label``: CoarseMotion-KC on the training set's held-out videos,
    -UC on the other set's) and of the fine classes (``pred_fine_score``,
    a ``CoarseFineHead``'s, against ``fine_label``: FineMotion-K).

    Fine accuracy is reported only with ``fine=True`` and when every
    sample has both fields: on the other set the fine ids name other
    classes, which a closed-set head never learnt (the paper's FineMotion-U
    comes from models that score classes by their text), so the runner
    turns it off there.

    Args:
        fine (bool): Report fine accuracy. Defaults to True.
        **kwargs: ``BaseMetric``'s ``collect_device`` and ``prefix``.
    """
    default_prefix = 'transfer'

    def __init__(self, fine: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.fine = fine

    def process(self, data_batch, data_samples: Sequence[Dict]) -> None:
        for sample in data_samples:
            fine_score = sample.get('pred_fine_score')
            self.results.append(
                dict(
                    coarse=int(host_array(sample['pred_score']).argmax()),
                    gt=int(host_array(sample['gt_label']).ravel()[0]),
                    fine=None if fine_score is None else int(
                        host_array(fine_score).argmax()),
                    fine_gt=sample.get('fine_label', -1)))

    def compute_metrics(self, results) -> Dict[str, float]:
        if not results:
            raise ValueError('CoarseFineAccuracy got no samples')
        metrics = dict(coarse_top1=100.0 *
                       np.mean([r['coarse'] == r['gt'] for r in results]))
        if self.fine and all(r['fine'] is not None and r['fine_gt'] >= 0
                             for r in results):
            metrics['fine_top1'] = 100.0 * np.mean(
                [r['fine'] == r['fine_gt'] for r in results])
        return metrics
