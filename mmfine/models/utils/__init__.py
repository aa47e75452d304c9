from .channel_pool import pool_channels
from .dot_regression_loss import DotRegressionLoss
from .etf_head import ETFHead
from .hierarchical_cls_head import HierarchicalClsHead
from .simplex_etf import SimplexETF, simplex_etf

__all__ = [
    'simplex_etf', 'SimplexETF', 'DotRegressionLoss', 'ETFHead',
    'HierarchicalClsHead', 'pool_channels'
]
