"""Frame-drop masks for temporal corruption (FineTec, Sec. 3 "Task Definition").

A mask is a boolean vector over the frames of one clip, ``True`` where a
frame is kept. Every mask keeps at least one frame: a clip with no frame left
carries no information and no method can restore it.

The five prompt masking strategies of the completion module (FineTec appendix
B) are ``random``, ``pattern`` (the query's own mask), ``prefix`` (a block
removed at the start), ``suffix`` (at the end) and ``middle`` (a central
block).
"""
import zlib
from typing import Optional, Sequence, Tuple

import numpy as np

PROMPT_STRATEGIES = ('random', 'pattern', 'prefix', 'suffix', 'middle')


def sample_rng(seed: int, name: str) -> np.random.Generator:
    """The generator of a sample's reproducible corruption: it depends only
    on ``seed`` and the sample's name (its ``frame_dir``)."""
    return np.random.default_rng([seed, zlib.crc32(str(name).encode())])


def num_dropped(length: int, ratio: float) -> int:
    """Frames dropped from a clip of ``length`` at ``ratio``, keeping >= 1."""
    if length < 1:
        raise ValueError(f'cannot corrupt a clip of {length} frames')
    if not 0 <= ratio < 1:
        raise ValueError(f'drop ratio must lie in [0, 1), got {ratio}: a '
                         'clip with every frame dropped cannot be restored')
    return min(int(round(ratio * length)), length - 1)


def random_drop_mask(length: int, ratio: float,
                     rng: np.random.Generator) -> np.ndarray:
    """Drop ``round(ratio * length)`` frames chosen uniformly at random."""
    keep = np.ones(length, dtype=bool)
    keep[rng.choice(length, num_dropped(length, ratio), replace=False)] = False
    return keep


def burst_drop_mask(length: int, ratio: float, rng: np.random.Generator,
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
        burst = min(rng.geometric(1.0 / mean_burst),
                    target - int((~keep).sum()))
        stop = start
        while stop < length and burst > 0:
            burst -= int(keep[stop])
            keep[stop] = False
            stop += 1
    return keep


def block_drop_mask(length: int, ratio: float, where: str) -> np.ndarray:
    """Drop one contiguous block at the ``'prefix'``, ``'suffix'`` or
    ``'middle'`` of the clip."""
    drop = num_dropped(length, ratio)
    start = {'prefix': 0, 'suffix': length - drop,
             'middle': (length - drop) // 2}.get(where)
    if start is None:
        raise ValueError(f'unknown block position {where!r}')
    keep = np.ones(length, dtype=bool)
    keep[start:start + drop] = False
    return keep


def prompt_mask(strategy: str, length: int, ratio: float,
                rng: np.random.Generator,
                query_keep: Optional[np.ndarray] = None) -> np.ndarray:
    """The mask of a prompt sequence under one of ``PROMPT_STRATEGIES``."""
    if strategy == 'random':
        return random_drop_mask(length, ratio, rng)
    if strategy == 'pattern':
        if query_keep is None or len(query_keep) != length:
            raise ValueError("the 'pattern' strategy needs the query's mask "
                             f'of {length} frames')
        return np.asarray(query_keep, dtype=bool).copy()
    if strategy in ('prefix', 'suffix', 'middle'):
        return block_drop_mask(length, ratio, strategy)
    raise ValueError(f'unknown masking strategy {strategy!r}; expected one '
                     f'of {PROMPT_STRATEGIES}')


def clip_masks(rng: np.random.Generator, ratios: Sequence[float],
               num_clips: int, clip_len: int, mode: str = 'random',
               mean_burst: float = 4.0) -> Tuple[float, np.ndarray]:
    """One drop ratio drawn from ``ratios`` and the keep masks
    ``(num_clips, clip_len)`` of a sample; the single definition of a
    sample's corruption, shared by the pipeline and the restoration
    evaluation so that both see the same drops for the same seed."""
    ratio = ratios[rng.integers(len(ratios))]
    if mode == 'burst':
        masks = [burst_drop_mask(clip_len, ratio, rng, mean_burst)
                 for _ in range(num_clips)]
    elif mode == 'random':
        masks = [random_drop_mask(clip_len, ratio, rng)
                 for _ in range(num_clips)]
    else:
        raise ValueError(f"mode must be 'random' or 'burst', got {mode!r}")
    return ratio, np.stack(masks)
