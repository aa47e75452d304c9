"""The five prompt masking strategies of the context-aware completion
(FineTec appendix B): ``random``, ``pattern`` (the query's own mask),
``prefix`` (a block removed at the start), ``suffix`` (at the end) and
``middle`` (a central block)."""
from typing import Optional

import numpy as np

from mmfine.structures.frame_drop_masks import (block_drop_mask,
                                                random_drop_mask)

PROMPT_STRATEGIES = ('random', 'pattern', 'prefix', 'suffix', 'middle')


def prompt_mask(strategy: str,
                length: int,
                ratio: float,
                rng: np.random.Generator,
                query_keep: Optional[np.ndarray] = None) -> np.ndarray:
    """The keep mask of a prompt window.

    Args:
        strategy (str): One of ``PROMPT_STRATEGIES``.
        length (int): Frames of the window.
        ratio (float): Drop ratio of ``random`` and the block strategies.
        rng (np.random.Generator): Randomness of ``random``.
        query_keep (np.ndarray, optional): The query's mask, needed by
            ``pattern``. Defaults to None.

    Returns:
        np.ndarray: ``(length,)`` bool, True where a frame is kept.
    """
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
