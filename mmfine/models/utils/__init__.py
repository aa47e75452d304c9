from .channel_pool import pool_channels
from .class_groups import group_logsumexp
from .coarse_fine_head import CoarseFineHead
from .dot_regression_loss import DotRegressionLoss
from .etf_head import ETFHead
from .hierarchical_cls_head import HierarchicalClsHead
from .simplex_etf import SimplexETF, simplex_etf

__all__ = [
    'simplex_etf', 'SimplexETF', 'DotRegressionLoss', 'ETFHead',
    'HierarchicalClsHead', 'pool_channels', 'group_logsumexp',
    'CoarseFineHead'
]
