from .confusion_matrix_plot import ConfusionMatrixPlot
from .skeleton_restoration_metric import (SkeletonRestorationMetric, mpjpe,
                                          mpjve, n_mpjpe)

__all__ = [
    'ConfusionMatrixPlot', 'SkeletonRestorationMetric', 'mpjpe', 'n_mpjpe',
    'mpjve'
]
