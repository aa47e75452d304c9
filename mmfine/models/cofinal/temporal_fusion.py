"""The Temporal Fusion Module (CoFInAl Sect. 3.2, Eq. 7)."""
import math

import torch
from torch import nn


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of ``x`` ``(N, C, ...)`` over the clips ``C`` where ``mask``
    ``(N, C)`` is true."""
    weight = mask.to(x.dtype).reshape(*mask.shape, *([1] * (x.dim() - 2)))
    return (x * weight).sum(1) / weight.sum(1).clamp(min=1)


class TemporalFusionModule(nn.Module):
    """Procedure-aware attention from C clip features to P procedure
    features: ``H~ = softmax(Q~_T K_T^T / sqrt(D_P)) V_T`` (Eq. 7), where
    K_T, V_T ``(C, D_P)`` are linear maps of the clip features and the
    queries Q_T ``(C, P, D_P)`` are average-pooled over the clips to
    Q~_T ``(P, D_P)`` (computed as the projection of the pooled clips,
    which is the same since the projection is linear). Padded clips take
    part in neither the pooling nor the attention.

    Args:
        in_channels (int): D_C, the clip feature dimension.
        channels (int): D_P.
        num_procedures (int): P.
        dropout (float): Dropout on the fused features.
    """

    def __init__(self, in_channels: int, channels: int, num_procedures: int,
                 dropout: float) -> None:
        super().__init__()
        self.num_procedures = num_procedures
        self.channels = channels
        self.query = nn.Linear(in_channels, num_procedures * channels)
        self.key = nn.Linear(in_channels, channels)
        self.value = nn.Linear(in_channels, channels)
        self.dropout = nn.Dropout(dropout)

    def forward(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``(N, P, D_P)`` from clip features ``(N, C, D_C)`` and the valid
        clips ``mask`` ``(N, C)``."""
        # Q~_T = mean_c(W h_c + b) = W mean_c(h_c) + b: pooling first is
        # exact and C times cheaper
        queries = self.query(masked_mean(clips,
                                         mask)).view(clips.shape[0],
                                                     self.num_procedures,
                                                     self.channels)
        attention = queries @ self.key(clips).transpose(1, 2) / math.sqrt(
            self.channels)
        attention = attention.masked_fill(~mask[:, None, :], float('-inf'))
        return self.dropout(attention.softmax(-1) @ self.value(clips))
