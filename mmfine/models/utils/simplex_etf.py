"""A fixed simplex equiangular tight frame (CoFInAl Eq. 12-14)."""
import math

import torch
import torch.nn.functional as F
from torch import nn


def simplex_etf(num_classes: int, dim: int, seed: int = 0) -> torch.Tensor:
    """``E = sqrt(K / (K - 1)) U (I - 11^T / K)`` (CoFInAl Eq. 12).

    ``U`` (``dim x K``, orthonormal columns) is the Q factor of a Gaussian
    matrix drawn from its own generator seeded with ``seed``, so the frame
    does not depend on (or disturb) the global random state.

    Args:
        num_classes (int): K >= 2 columns.
        dim (int): Feature dimension, at least K.
        seed (int): Seed of the rotation U. Defaults to 0.

    Returns:
        torch.Tensor: ``(dim, K)``; unit-norm columns with pairwise inner
        products ``-1 / (K - 1)`` (Eq. 13).
    """
    if num_classes < 2:
        raise ValueError(f'a simplex ETF needs at least 2 classes, got '
                         f'{num_classes}')
    if dim < num_classes:
        raise ValueError(f'a simplex ETF of {num_classes} classes needs a '
                         f'feature dimension >= {num_classes}, got {dim}')
    generator = torch.Generator().manual_seed(seed)
    gaussian = torch.randn(
        dim, num_classes, generator=generator, dtype=torch.float64)
    rotation, _ = torch.linalg.qr(gaussian)
    centring = (
        torch.eye(num_classes, dtype=torch.float64) - torch.full(
            (num_classes, num_classes), 1.0 / num_classes,
            dtype=torch.float64))
    etf = math.sqrt(num_classes / (num_classes - 1)) * rotation @ centring
    return etf.float()


class SimplexETF(nn.Module):
    """A non-learnable classifier on a simplex ETF: the logit of class j is
    the cosine ``<h / |h|, e_j>`` (CoFInAl Eq. 14).

    The frame is a buffer: no optimizer updates it, and checkpoints carry it.

    Args:
        num_classes (int): K columns.
        dim (int): Feature dimension.
        seed (int): Seed of the frame's rotation. Defaults to 0.
    """

    def __init__(self, num_classes: int, dim: int, seed: int = 0) -> None:
        super().__init__()
        self.num_classes = num_classes
        self.register_buffer('etf', simplex_etf(num_classes, dim, seed))

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        """Cosines ``(..., K)`` of ``features`` ``(..., dim)`` with the
        frame's columns."""
        return F.normalize(features, dim=-1) @ self.etf
