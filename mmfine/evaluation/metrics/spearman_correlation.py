"""Spearman's rank correlation per score type and its Fisher-z average."""
from mmaction.registry import METRICS
from ..functional import fisher_z_mean, srcc
from .score_metric import ScoreMetric


@METRICS.register_module()
class SpearmanCorrelation(ScoreMetric):
    """SRCC between predicted and true scores (CoFInAl Eq. 16), one per
    ``score_group`` (e.g. RG apparatus or Fis-V TES/PCS when a dataset mixes
    them), and their Fisher-z average ``srcc`` (the paper's Table 1
    averages).

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
        rhos = {
            group: srcc([r['pred'] for r in rows], [r['gt'] for r in rows])
            for group, rows in self.grouped(results).items()
        }
        metrics = {f'srcc_{group}': rho for group, rho in rhos.items()}
        metrics['srcc'] = fisher_z_mean(list(rhos.values()))
        return metrics
