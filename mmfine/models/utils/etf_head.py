"""A recognition head with a fixed simplex-ETF classifier."""
import torch
from torch import nn

from mmaction.models.heads import BaseHead
from mmaction.registry import MODELS
from .channel_pool import pool_channels
from .simplex_etf import SimplexETF


@MODELS.register_module()
class ETFHead(BaseHead):
    """Pool, project, and classify against a fixed simplex ETF (Yang et al.
    2022; CoFInAl's FGS as a recognition head): only the projection learns,
    the class prototypes are fixed and maximally separated.

    Scores are the cosines with the frame's columns (in [-1, 1]), trained by
    ``DotRegressionLoss``.

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Channels of the backbone output.
        feat_dim (int): Dimension of the frame, >= ``num_classes``. Defaults
            to 256.
        channel_dim (int): Axis of the channels in the backbone output,
            every axis after it is average-pooled: 1 for video backbones
            ``(N, C, T, H, W)``, 2 for skeleton ones ``(N, M, C, T, V)``
            (the M persons are averaged too). Defaults to 1.
        dropout_ratio (float): Dropout before the projection. Defaults to
            0.5.
        etf_seed (int): Seed of the frame. Defaults to 0.
        loss_cls (dict): Defaults to ``dict(type='DotRegressionLoss')``.
        **kwargs: Other arguments of MMAction2's ``BaseHead``.
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 feat_dim: int = 256,
                 channel_dim: int = 1,
                 dropout_ratio: float = 0.5,
                 etf_seed: int = 0,
                 loss_cls: dict = dict(type='DotRegressionLoss'),
                 **kwargs) -> None:
        super().__init__(num_classes, in_channels, loss_cls, **kwargs)
        self.channel_dim = channel_dim
        self.dropout = nn.Dropout(dropout_ratio)
        self.projection = nn.Linear(in_channels, feat_dim)
        self.classifier = SimplexETF(num_classes, feat_dim, etf_seed)

    def pool(self, x: torch.Tensor) -> torch.Tensor:
        """``(N, in_channels)``: the mean over every axis but N and C."""
        return pool_channels(x, self.channel_dim, self.in_channels,
                             type(self).__name__)

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        """Cosine scores ``(N, num_classes)``."""
        return self.classifier(self.projection(self.dropout(self.pool(x))))
