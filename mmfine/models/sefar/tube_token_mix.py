"""Tube TokenMix of SVFormer, as SeFAR uses it on unlabelled clips."""
from typing import List, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F


def tube_token_masks(num_elements: int,
                     num_tokens: int,
                     lam: float,
                     generator: torch.Generator = None) -> List[torch.Tensor]:
    """One boolean mask ``(num_tokens,)`` per element with
    ``int(lam * num_tokens)`` True entries (tokens kept from the sample
    itself); the rest come from its partner, at the same positions in
    every frame of the element (a tube)."""
    keep = int(lam * num_tokens)
    masks = []
    for _ in range(num_elements):
        mask = torch.zeros(num_tokens, dtype=torch.bool)
        mask[torch.randperm(num_tokens, generator=generator)[:keep]] = True
        masks.append(mask)
    return masks


def draw_token_mix(
    batch: int,
    num_elements: int,
    num_tokens: int,
    alpha: Sequence[float] = (10.0, 10.0)
) -> Tuple[List[torch.Tensor], torch.Tensor, float]:
    """Masks, the partner ``index`` (a shuffle of the batch) and the mix
    ratio ``lam`` (the realised fraction of own tokens, with
    ``lam ~ Beta(alpha)``)."""
    lam = float(np.random.beta(*alpha))
    masks = tube_token_masks(num_elements, num_tokens, lam)
    realised = int(lam * num_tokens) / num_tokens
    return masks, torch.randperm(batch), realised


def mix_targets(values: torch.Tensor, index: torch.Tensor,
                lam: float) -> torch.Tensor:
    """``lam v + (1 - lam) v[index]`` (pseudo-label distributions or
    weights)."""
    return lam * values + (1 - lam) * values[index]


def mix_loss(logits: torch.Tensor,
             target: torch.Tensor,
             weight: torch.Tensor,
             space: str = 'logits') -> torch.Tensor:
    """``L_mix = mean(w_mix MSE(z, p_mix))``: the student's output ``z`` on
    the mixed clips regressed on the mixed pseudo-label distributions.

    ``space='logits'`` (default, METHODS.md and the authors' code) takes
    ``z`` = the **raw logits**; ``'probs'`` takes ``z = softmax(logits)``.
    Measured on batches of random logits (scale 1 to 3) against random
    pseudo-labels, the gradient with ``'probs'`` is 18-56x smaller with 6
    classes and 340-850x with 99, so Tube TokenMix is in effect off. On
    the earlier motion-direction demo (seed 0)
    ``'probs'`` gave 0.567 top-1 and ``'logits'`` 0.511, both within that
    demo's run-to-run spread."""
    if space not in ('logits', 'probs'):
        raise ValueError(f"space must be 'logits' or 'probs', got {space!r}")
    outputs = logits if space == 'logits' else logits.softmax(-1)
    return (F.mse_loss(outputs, target, reduction='none').mean(1) *
            weight).mean()
