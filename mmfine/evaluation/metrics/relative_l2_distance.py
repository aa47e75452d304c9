"""Relative L2 distance between predicted and true scores."""
import numpy as np

from mmaction.registry import METRICS
from ..functional import relative_l2
from .score_metric import ScoreMetric


@METRICS.register_module()
class RelativeL2Distance(ScoreMetric):
    """Relative L2 distance (Yu et al. 2021) per ``score_group``, each in
    units of that group's declared score range, and their mean ``rl2``;
    reported x100 as in the AQA literature.

    Args:
        collect_device (str): Where results are gathered in distributed
            evaluation, ``'cpu'`` or ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): Prefix of the metric names. Defaults to
            ``'aqa'``.
        collect_dir (str, optional): Temporary folder for gathering on CPU.
            Defaults to None.
    """
    default_prefix = 'aqa'

    def compute_metrics(self, results):
        distances = {
            group:
            100 * relative_l2([r['pred'] for r in rows],
                              [r['gt'] for r in rows], rows[0]['score_range'])
            for group, rows in self.grouped(results).items()
        }
        metrics = {f'rl2_{group}': d for group, d in distances.items()}
        metrics['rl2'] = float(np.mean(list(distances.values())))
        return metrics
