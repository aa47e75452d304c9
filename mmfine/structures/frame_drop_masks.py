"""Frame-drop masks of temporal corruption (FineTec, Sec. 3 "Task
Definition").

A mask is a boolean vector over frames, ``True`` where a frame is kept.
Every mask keeps at least one frame: a sequence with no frame left carries no
information and no method can restore it.

Corruption is a property of a *sample*: its frames are dropped once, on the
sample's own timeline of ``total_frames`` frames, and every clip sampled
from it sees the same missing frames (``scope='sample'``). The per-clip
protocol (``scope='clip'``: each sampled clip draws its own drops, so that
several test clips together see most of the frames) is kept for comparison
with tables produced that way.
"""
import zlib
from typing import Optional, Sequence, Tuple

import numpy as np

LEVELS = {'minor': 0.25, 'moderate': 0.5, 'severe': 0.75}
SCOPES = ('sample', 'clip')
DROP_MODES = ('random', 'burst')


def resolve_ratio(ratio) -> float:
    """A level name (``'minor'`` 0.25, ``'moderate'`` 0.5, ``'severe'``
    0.75) or a ratio in ``[0, 1)`` -> the ratio."""
    if isinstance(ratio, str):
        if ratio not in LEVELS:
            raise ValueError(f'unknown corruption level {ratio!r}; expected '
                             f'one of {sorted(LEVELS)}')
        return LEVELS[ratio]
    if not 0 <= ratio < 1:
        raise ValueError(f'drop ratio must lie in [0, 1), got {ratio}: a '
                         'clip with every frame dropped cannot be restored')
    return float(ratio)


def sample_key(name: str) -> int:
    """A stable integer id of a sample name (its ``frame_dir``): CRC-32,
    the same in every process and run."""
    return zlib.crc32(str(name).encode())


def sample_rng(seed: int, name: str) -> np.random.Generator:
    """The generator of a sample's reproducible corruption.

    Args:
        seed (int): The seed of the test-time corruption.
        name (str): The sample's name (its ``frame_dir``).

    Returns:
        np.random.Generator: A generator that depends only on both.
    """
    return np.random.default_rng([seed, sample_key(name)])


def num_dropped(length: int, ratio: float) -> int:
    """Frames dropped from ``length`` frames at ``ratio``, keeping >= 1."""
    if length < 1:
        raise ValueError(f'cannot corrupt a sequence of {length} frames')
    if not 0 <= ratio < 1:
        raise ValueError(f'drop ratio must lie in [0, 1), got {ratio}: a '
                         'sequence with every frame dropped cannot be '
                         'restored')
    return min(int(round(ratio * length)), length - 1)


def random_drop_mask(length: int, ratio: float,
                     rng: np.random.Generator) -> np.ndarray:
    """Drop ``round(ratio * length)`` frames chosen uniformly at random."""
    keep = np.ones(length, dtype=bool)
    keep[rng.choice(length, num_dropped(length, ratio), replace=False)] = False
    return keep


def burst_drop_mask(length: int,
                    ratio: float,
                    rng: np.random.Generator,
                    mean_burst: float = 4.0) -> np.ndarray:
    """Drop frames in bursts, as an online detector loses fast motion.

    Bursts have geometric lengths of mean ``mean_burst`` and start at random
    kept frames until exactly ``round(ratio * length)`` frames are dropped.
    """
    if mean_burst < 1:
        raise ValueError(f'mean_burst must be >= 1, got {mean_burst}')
    target = num_dropped(length, ratio)
    keep = np.ones(length, dtype=bool)
    while (~keep).sum() < target:
        start = rng.choice(np.flatnonzero(keep))
        burst = min(
            rng.geometric(1.0 / mean_burst), target - int((~keep).sum()))
        stop = start
        while stop < length and burst > 0:
            burst -= int(keep[stop])
            keep[stop] = False
            stop += 1
    return keep


def block_drop_mask(length: int, ratio: float, where: str) -> np.ndarray:
    """Drop one contiguous block at the ``'prefix'``, ``'suffix'`` or
    ``'middle'`` of ``length`` frames."""
    drop = num_dropped(length, ratio)
    start = {
        'prefix': 0,
        'suffix': length - drop,
        'middle': (length - drop) // 2
    }.get(where)
    if start is None:
        raise ValueError(f'unknown block position {where!r}')
    keep = np.ones(length, dtype=bool)
    keep[start:start + drop] = False
    return keep


def drop_mask(length: int,
              ratio: float,
              rng: np.random.Generator,
              mode: str = 'random',
              mean_burst: float = 4.0) -> np.ndarray:
    """One keep mask of ``length`` frames under ``mode`` (``'random'``, the
    paper's protocol, or ``'burst'``)."""
    if mode == 'random':
        return random_drop_mask(length, ratio, rng)
    if mode == 'burst':
        return burst_drop_mask(length, ratio, rng, mean_burst)
    raise ValueError(f'mode must be one of {DROP_MODES}, got {mode!r}')


def corruption_masks(rng: np.random.Generator,
                     ratios: Sequence[float],
                     num_clips: int,
                     clip_len: int,
                     scope: str = 'sample',
                     total_frames: Optional[int] = None,
                     frame_inds: Optional[np.ndarray] = None,
                     mode: str = 'random',
                     mean_burst: float = 4.0) -> Tuple[float, np.ndarray]:
    """The single definition of a sample's corruption, shared by the
    pipeline (``TemporalCorruption``) and the restoration evaluation, so
    that both see the same drops for the same generator.

    Args:
        rng (np.random.Generator): The sample's generator.
        ratios (Sequence[float]): Drop ratios; one is drawn per sample.
        num_clips (int): Clips sampled from the sample.
        clip_len (int): Frames per clip.
        scope (str): ``'sample'`` drops frames of the sample's timeline and
            looks the sampled frames up in it; ``'clip'`` draws the drops of
            each clip on its own. Defaults to ``'sample'``.
        total_frames (int, optional): Frames of the sample's timeline
            (``scope='sample'``). Defaults to ``num_clips * clip_len``.
        frame_inds (np.ndarray, optional): ``(num_clips * clip_len,)``
            timeline index of each sampled frame (``UniformSampleFrames``'
            ``frame_inds``). Defaults to ``arange(num_clips * clip_len)``.
        mode (str): ``'random'`` or ``'burst'``. Defaults to ``'random'``.
        mean_burst (float): Mean burst length. Defaults to 4.0.

    Returns:
        tuple[float, np.ndarray]: The drawn ratio and the keep masks
        ``(num_clips, clip_len)`` (bool).
    """
    if scope not in SCOPES:
        raise ValueError(f'scope must be one of {SCOPES}, got {scope!r}')
    ratio = ratios[rng.integers(len(ratios))]
    if scope == 'clip':
        return ratio, np.stack([
            drop_mask(clip_len, ratio, rng, mode, mean_burst)
            for _ in range(num_clips)
        ])
    length = num_clips * clip_len
    total = length if total_frames is None else int(total_frames)
    inds = np.arange(length) if frame_inds is None else np.asarray(
        frame_inds).reshape(-1)
    if len(inds) != length:
        raise ValueError(f'{len(inds)} frame indices for {num_clips} clips '
                         f'of {clip_len} frames')
    if inds.min() < 0 or inds.max() >= total:
        raise ValueError(f'frame indices {inds.min()}..{inds.max()} outside '
                         f'the timeline of {total} frames')
    timeline = drop_mask(total, ratio, rng, mode, mean_burst)
    return ratio, timeline[inds].reshape(num_clips, clip_len)
