"""Plain evaluation functions, importable without building a model."""
from .aqa_scores import fisher_z_mean, relative_l2, srcc
from .micro_action import (MA52_BODY_CLASSES, f1_mean, f1_scores,
                           ma52_body_label)
from .transferability import transfer_metrics

__all__ = [
    'srcc', 'fisher_z_mean', 'relative_l2', 'MA52_BODY_CLASSES', 'f1_mean',
    'f1_scores', 'ma52_body_label', 'transfer_metrics'
]
