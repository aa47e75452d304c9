"""A linear regressor on average-pooled clip features (an AQA baseline)."""
from typing import Dict

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from .clip_feature_norm import ClipFeatureNorm
from .temporal_fusion import masked_mean


@MODELS.register_module()
class PooledRegressionHead(BaseModule):
    """``s = w^T mean_c(h_c) + b``: the clip features, standardised per
    dimension (``ClipFeatureNorm``), averaged over the valid clips, one
    linear map, MSE on the normalised score (C3D+SVR-style baseline).

    Args:
        in_channels (int): Clip feature dimension. Defaults to 1024.
        dropout (float): Dropout on the pooled feature. Defaults to 0.
        init_cfg (dict, optional): mmengine initialisation config.
    """

    def __init__(self,
                 in_channels: int = 1024,
                 dropout: float = 0.0,
                 init_cfg: dict = None) -> None:
        super().__init__(init_cfg)
        self.input_norm = ClipFeatureNorm(in_channels)
        self.dropout = nn.Dropout(dropout)
        self.regressor = nn.Linear(in_channels, 1)

    def predict(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Normalised scores ``(N,)``."""
        pooled = masked_mean(self.input_norm(clips, mask), mask)
        return self.regressor(self.dropout(pooled)).squeeze(-1)

    def loss(self, clips: torch.Tensor, mask: torch.Tensor,
             target: torch.Tensor) -> Dict[str, torch.Tensor]:
        """MSE of the normalised score."""
        return dict(loss_score=F.mse_loss(self.predict(clips, mask), target))
