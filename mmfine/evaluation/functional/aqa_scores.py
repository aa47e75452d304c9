"""Action quality assessment scores: Spearman's rank correlation (CoFInAl
Eq. 16), its Fisher-z average across action or score types, and the
relative L2 distance."""
from typing import Sequence, Tuple

import numpy as np


def _paired(pred, gt, what: str) -> Tuple[np.ndarray, np.ndarray]:
    pred = np.asarray(pred, dtype=np.float64).reshape(-1)
    gt = np.asarray(gt, dtype=np.float64).reshape(-1)
    if pred.shape != gt.shape:
        raise ValueError(f'{what}: {pred.size} predictions for {gt.size} '
                         'ground-truth scores')
    if pred.size < 2:
        raise ValueError(f'{what} needs at least 2 samples, got {pred.size}')
    if not (np.isfinite(pred).all() and np.isfinite(gt).all()):
        raise ValueError(f'{what}: scores contain NaN or inf')
    return pred, gt


def _ranks(values: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties sharing their average rank."""
    order = np.argsort(values, kind='mergesort')
    sorted_values = values[order]
    ranks = np.empty(len(values))
    start = 0
    while start < len(values):
        stop = start + 1
        while (stop < len(values)
               and sorted_values[stop] == sorted_values[start]):
            stop += 1
        ranks[order[start:stop]] = (start + stop + 1) / 2
        start = stop
    return ranks


def srcc(pred: Sequence[float], gt: Sequence[float]) -> float:
    """Spearman's rank correlation: Pearson's correlation of the rank
    vectors, ties at their average rank (CoFInAl Eq. 16).

    Args:
        pred (Sequence[float]): Predicted scores.
        gt (Sequence[float]): Ground-truth scores, same length.

    Returns:
        float: rho in [-1, 1]; 0 when either side is constant (no ranking).
    """
    pred, gt = _paired(pred, gt, 'srcc')
    p, q = _ranks(pred), _ranks(gt)
    p, q = p - p.mean(), q - q.mean()
    denom = np.sqrt((p * p).sum() * (q * q).sum())
    return float((p * q).sum() / denom) if denom > 0 else 0.0


def fisher_z_mean(rhos: Sequence[float]) -> float:
    """Average correlations through Fisher's z: ``tanh(mean(arctanh(rho)))``
    (Pan et al. 2019; the averages of CoFInAl's Table 1).

    Args:
        rhos (Sequence[float]): One correlation per action or score type.

    Returns:
        float: The averaged correlation. A rho of exactly +-1 is clipped to
        +-(1 - 1e-12) so that its z stays finite.
    """
    rhos = np.asarray(rhos, dtype=np.float64).reshape(-1)
    if rhos.size == 0:
        raise ValueError('fisher_z_mean needs at least one correlation')
    if not np.isfinite(rhos).all() or np.abs(rhos).max() > 1:
        raise ValueError(f'correlations must lie in [-1, 1], got {rhos}')
    rhos = np.clip(rhos, -1 + 1e-12, 1 - 1e-12)
    return float(np.tanh(np.arctanh(rhos).mean()))


def relative_l2(pred: Sequence[float], gt: Sequence[float],
                score_range: Tuple[float, float]) -> float:
    """Relative L2 distance: ``mean(((pred - gt) / (max - min)) ** 2)``,
    the squared error in units of the score range (Yu et al. 2021 divide
    by the data set's highest minus lowest score; mmfine takes the range
    the dataset declares, ``score_range``, so figures compare across
    splits, but not with papers whose sets span less than that range).

    Args:
        pred (Sequence[float]): Predicted scores.
        gt (Sequence[float]): Ground-truth scores.
        score_range (tuple[float, float]): ``(min, max)`` of the score.

    Returns:
        float: The relative L2 distance (0 for a perfect prediction).
    """
    pred, gt = _paired(pred, gt, 'relative_l2')
    low, high = (float(v) for v in score_range)
    if not high > low:
        raise ValueError(f'score_range must be (min, max) with max > min, '
                         f'got {score_range}')
    return float((((pred - gt) / (high - low))**2).mean())
