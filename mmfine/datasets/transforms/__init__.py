from .frame_drop_masks import (PROMPT_STRATEGIES, block_drop_mask,
                               burst_drop_mask, clip_masks, prompt_mask, random_drop_mask,
                               sample_rng)
from .temporal_corruption import LEVELS, TemporalCorruption

__all__ = [
    'TemporalCorruption', 'LEVELS', 'PROMPT_STRATEGIES', 'random_drop_mask',
    'burst_drop_mask', 'block_drop_mask', 'prompt_mask', 'sample_rng',
    'clip_masks'
]
