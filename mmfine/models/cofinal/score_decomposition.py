"""Coarse-to-fine score decomposition and decoding (CoFInAl Sect. 3.1).

Scores here are normalised to [0, 1]. With G grades and G' sub-grades a
grade spans ``S_C = 1 / G`` and a sub-grade ``S_F = S_C / G'``.
"""
from typing import Tuple

import torch


def decompose_score(score: torch.Tensor, num_grades: int,
                    num_subgrades: int) -> Tuple[torch.Tensor, torch.Tensor]:
    """Grade ``floor(s / S_C)`` and sub-grade ``floor((s - grade S_C) /
    S_F)`` of normalised scores (the paper's formula below Eq. 6 subtracts
    the grade index instead of ``grade * S_C``, a typo).

    A score of exactly 1 falls into the top grade and sub-grade.

    Returns:
        tuple[torch.Tensor, torch.Tensor]: ``(grade, subgrade)`` as long
        tensors in ``[0, G)`` and ``[0, G')``.
    """
    if score.numel() and (score.min() < 0 or score.max() > 1):
        raise ValueError('decompose_score expects scores normalised to '
                         f'[0, 1], got [{score.min()}, {score.max()}]')
    fine = torch.clamp(
        torch.floor(score * num_grades * num_subgrades).long(),
        max=num_grades * num_subgrades - 1)
    return fine // num_subgrades, fine % num_subgrades


def compose_score(grade: torch.Tensor, subgrade: torch.Tensor, num_grades: int,
                  num_subgrades: int) -> torch.Tensor:
    """``grade * S_C + subgrade * S_F + S_F / 2`` (Eq. 6, read at the centre
    of the sub-grade's interval rather than its lower edge: a constant
    ``S_F / 2`` that leaves ranks, hence SRCC, unchanged and halves the
    expected error). ``grade``/``subgrade`` may be expected values."""
    fine_width = 1.0 / (num_grades * num_subgrades)
    return (grade * num_subgrades + subgrade + 0.5) * fine_width


def decode_score(coarse_logits: torch.Tensor,
                 fine_logits: torch.Tensor,
                 mode: str = 'hard') -> torch.Tensor:
    """Normalised scores from grade logits ``(N, G)`` and sub-grade logits
    ``(N, G')``.

    Args:
        mode (str): ``'hard'``: argmax grade and sub-grade (Eq. 6 and 14);
            ``'soft'``: their expected values under the softmax of the
            logits, differentiable and continuous (no ties between samples
            in the same sub-grade).
    """
    num_grades, num_subgrades = coarse_logits.shape[-1], fine_logits.shape[-1]
    if mode == 'hard':
        grade = coarse_logits.argmax(-1).to(coarse_logits.dtype)
        subgrade = fine_logits.argmax(-1).to(fine_logits.dtype)
    elif mode == 'soft':
        grade = coarse_logits.softmax(-1) @ torch.arange(
            num_grades, dtype=coarse_logits.dtype, device=coarse_logits.device)
        subgrade = fine_logits.softmax(-1) @ torch.arange(
            num_subgrades, dtype=fine_logits.dtype, device=fine_logits.device)
    else:
        raise ValueError(f"decoding must be 'hard' or 'soft', got {mode!r}")
    return compose_score(grade, subgrade, num_grades, num_subgrades)
