from .coarse_fine_accuracy import CoarseFineAccuracy
from .confusion_matrix_plot import ConfusionMatrixPlot
from .micro_action_metric import MicroActionMetric
from .relative_l2_distance import RelativeL2Distance
from .skeleton_restoration_metric import (SkeletonRestorationMetric, mpjpe,
                                          mpjve, n_mpjpe)
from .spearman_correlation import SpearmanCorrelation

__all__ = [
    'CoarseFineAccuracy', 'ConfusionMatrixPlot', 'SkeletonRestorationMetric',
    'mpjpe', 'n_mpjpe', 'mpjve', 'SpearmanCorrelation', 'RelativeL2Distance',
    'MicroActionMetric'
]
