"""Adaptive Regulation of SeFAR (Sec. "Stabilizing Optimization via
Adaptive Regulation", Eq. 7), as the authors' code computes it."""
import math
from typing import Dict

import torch


def adaptive_regulation(probs: torch.Tensor,
                        sigma_scale: float = 20.0,
                        eps: float = 1e-9) -> Dict[str, torch.Tensor]:
    """Pseudo-labels and weights from ``U`` teacher predictions.

    ``probs`` ``(U, B, C)`` softmax outputs. Per sample: the pseudo-label
    distribution ``p`` is the mean of the ``U`` predictions; ``mu`` its
    maximum (the mean confidence of the predicted class); ``sigma`` the
    standard deviation (unbiased, over ``U``) of the predicted class's
    probability; ``eta1 = 2 sigmoid(exp(mu) - e)``,
    ``eta2 = 2 (sigmoid(1 / (sigma_scale sigma + eps)) - 0.5)`` and the
    weight ``w = eta1 eta2`` (no confidence threshold).

    Returns ``probs`` (``p``, ``(B, C)``), ``label``, ``mu``, ``sigma``,
    ``weight`` (each ``(B,)``).
    """
    if probs.dim() != 3 or probs.shape[0] < 2:
        raise ValueError('expected (U >= 2, B, C) teacher probabilities, got '
                         f'{tuple(probs.shape)}')
    mean = probs.mean(0)
    mu, label = mean.max(1)
    picked = probs.gather(2, label[None, :,
                                   None].expand(probs.shape[0], -1,
                                                1)).squeeze(2)
    sigma = picked.std(0)
    eta1 = 2 * torch.sigmoid(torch.exp(mu) - math.e)
    eta2 = 2 * (torch.sigmoid(1 / (sigma_scale * sigma + eps)) - 0.5)
    return dict(
        probs=mean, label=label, mu=mu, sigma=sigma, weight=eta1 * eta2)
