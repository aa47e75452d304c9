"""Simple restorations of dropped frames (the baselines of FineTec Table 3).

All functions take skeletons ``(N, T, ...)`` and a keep mask ``(N, T)``
(1 = observed) and return ``(N, T, ...)`` where observed frames are unchanged
and each dropped frame is filled from observed ones. A sequence needs at
least one observed frame.
"""
from typing import List

import torch


def _check(mask: torch.Tensor) -> torch.Tensor:
    keep = mask > 0.5
    empty = ~keep.any(dim=1)
    if empty.any():
        raise ValueError(
            f'sequences {empty.nonzero().flatten().tolist()} have every '
            'frame dropped: nothing to restore them from')
    return keep


def _nearest_index(keep: torch.Tensor, forward: bool) -> torch.Tensor:
    """For each frame, the index of the last observed frame at or before it
    (``forward``) or the first at or after it; -1 / T where none exists."""
    length = keep.shape[1]
    idx = torch.arange(length, device=keep.device).expand_as(keep)
    if forward:
        marked = torch.where(keep, idx, torch.full_like(idx, -1))
        return torch.cummax(marked, dim=1).values
    marked = torch.where(keep, idx, torch.full_like(idx, length))
    return torch.flip(torch.cummin(torch.flip(marked, [1]), dim=1).values, [1])


def _gather(seq: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    shape = index.shape + (1, ) * (seq.dim() - 2)
    return torch.gather(seq, 1, index.reshape(shape).expand_as(seq))


def left_to_right_copy(seq: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Fill each dropped frame with the last observed frame before it (the
    first observed frame where none precedes it)."""
    keep = _check(mask)
    prev = _nearest_index(keep, forward=True)
    nxt = _nearest_index(keep, forward=False)
    return _gather(seq, torch.where(prev >= 0, prev, nxt))


def right_to_left_copy(seq: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Fill each dropped frame with the next observed frame after it (the
    last observed frame where none follows it)."""
    keep = _check(mask)
    prev = _nearest_index(keep, forward=True)
    nxt = _nearest_index(keep, forward=False)
    return _gather(seq, torch.where(nxt < keep.shape[1], nxt, prev))


def linear_interpolation(seq: torch.Tensor,
                         mask: torch.Tensor) -> torch.Tensor:
    """Interpolate linearly in time between the observed neighbours of each
    dropped frame; before the first / after the last observed frame, copy
    the nearest observed one."""
    keep = _check(mask)
    length = keep.shape[1]
    prev = _nearest_index(keep, forward=True)
    nxt = _nearest_index(keep, forward=False)
    prev_ok, next_ok = prev >= 0, nxt < length
    lo = torch.where(prev_ok, prev, nxt)
    hi = torch.where(next_ok, nxt, prev)
    t = torch.arange(length, device=seq.device).expand_as(lo)
    span = (hi - lo).clamp(min=1)
    weight = ((t - lo).to(seq.dtype) / span.to(seq.dtype)).clamp(0, 1)
    weight = weight.reshape(weight.shape + (1, ) * (seq.dim() - 2))
    return _gather(seq, lo) * (1 - weight) + _gather(seq, hi) * weight


def local_polynomial(seq: torch.Tensor,
                     mask: torch.Tensor,
                     neighbours: int = 2,
                     degree: int = 2) -> torch.Tensor:
    """Fill each dropped frame with the least-squares polynomial of
    ``degree`` in time through the ``neighbours`` nearest observed frames on
    each side of it, read at the frame (``neighbours=1, degree=1`` is
    :func:`linear_interpolation`). Dropped frames with fewer observed
    frames than ``neighbours`` on a side are interpolated linearly.

    A reference for learned restorers: what smoothness alone gets from the
    observed frames around a gap."""
    if neighbours < 1 or not 0 <= degree < 2 * neighbours:
        raise ValueError(f'need neighbours >= 1 and 0 <= degree < 2 x '
                         f'neighbours, got neighbours={neighbours}, '
                         f'degree={degree}')
    keep = _check(mask)
    length = keep.shape[1]
    filled = linear_interpolation(seq, mask)
    prev = _nearest_index(keep, forward=True)
    nxt = _nearest_index(keep, forward=False)
    before, after = [prev], [nxt]
    for _ in range(neighbours - 1):
        # the observed frame at or before (after) the one before (after) the
        # last found; -1 (T) stays out of range
        before.append(
            torch.where(before[-1] > 0,
                        prev.gather(1, (before[-1] - 1).clamp(min=0)), -1))
        after.append(
            torch.where(after[-1] < length - 1,
                        nxt.gather(1, (after[-1] + 1).clamp(max=length - 1)),
                        length))
    index = torch.stack(before + after, -1)  # (N, T, 2 x neighbours)
    valid = ~keep & (index >= 0).all(-1) & (index < length).all(-1)
    if not valid.any():
        return filled
    index = index.clamp(0, length - 1)
    frames = torch.arange(length, device=seq.device)
    offset = (index - frames[:, None]).double()
    vander = offset[..., None]**torch.arange(degree + 1, device=seq.device)
    flat = seq.reshape(seq.shape[:2] + (-1, )).double()
    n, _, width = index.shape
    values = flat.gather(
        1,
        index.reshape(n, -1, 1).expand(-1, -1, flat.shape[-1])).reshape(
            n, length, width, -1)  # (N, T, 2 x neighbours, F)
    fit = torch.linalg.lstsq(vander[valid], values[valid]).solution[:, 0]
    flat_filled = filled.reshape(flat.shape).clone()
    flat_filled[valid] = fit.to(seq.dtype)
    return flat_filled.reshape(seq.shape)


def window_starts(length: int, window: int) -> List[int]:
    """Starts of the non-overlapping windows tiling ``length`` frames, the
    last one aligned to the end (``length >= window``)."""
    starts = list(range(0, length - window + 1, window))
    if starts[-1] + window < length:
        starts.append(length - window)
    return starts


RESTORERS = {
    'left_to_right_copy': left_to_right_copy,
    'right_to_left_copy': right_to_left_copy,
    'linear_interpolation': linear_interpolation,
}
