"""The Grade Parsing Module (CoFInAl Sect. 3.3, Eq. 9-11)."""
import math
from typing import Tuple

import torch
from torch import nn


class GradeParsingModule(nn.Module):
    """Learnable grade prototypes G query the procedure features:
    ``H_C = softmax(Q_G K_G^T / sqrt(D_S)) V_G`` (Eq. 9), the mask
    ``M = softmax(avgPool(H_C))`` over the grades (Eq. 10) and the fine
    feature ``H_F = M * (H_C - G)`` (Eq. 11).

    G lives in D_P while H_C lives in D_S, so Eq. 11 subtracts the
    prototypes' embedding Q_G (the prototypes as seen in D_S); with
    D_P = D_S and an identity embedding the two readings agree.

    Args:
        in_channels (int): D_P, the procedure feature dimension.
        channels (int): D_S.
        num_grades (int): G.
    """

    def __init__(self, in_channels: int, channels: int,
                 num_grades: int) -> None:
        super().__init__()
        self.channels = channels
        self.prototypes = nn.Parameter(torch.randn(num_grades, in_channels))
        self.query = nn.Linear(in_channels, channels)
        self.key = nn.Linear(in_channels, channels)
        self.value = nn.Linear(in_channels, channels)

    def forward(self,
                procedures: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """``(H_C, H_F)``, each ``(N, G, D_S)``, from procedure features
        ``(N, P, D_P)``."""
        queries = self.query(self.prototypes)
        attention = queries @ self.key(procedures).transpose(1, 2) / math.sqrt(
            self.channels)
        coarse = attention.softmax(-1) @ self.value(procedures)
        mask = coarse.mean(-1, keepdim=True).softmax(1)
        return coarse, mask * (coarse - queries)
