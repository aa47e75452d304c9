from .dot_regression_loss import DotRegressionLoss
from .etf_head import ETFHead
from .simplex_etf import SimplexETF, simplex_etf

__all__ = ['simplex_etf', 'SimplexETF', 'DotRegressionLoss', 'ETFHead']
