from .dual_level_sample import (DualLevelSampleFrames, check_elements,
                                element_segments)
from .frame_drop_masks import (PROMPT_STRATEGIES, block_drop_mask,
                               burst_drop_mask, clip_masks, prompt_mask,
                               random_drop_mask, sample_rng)
from .multi_view import MultiView
from .temporal_corruption import LEVELS, TemporalCorruption
from .temporal_reverse import ReverseFineElements
from .temporal_warp import WarpElements

__all__ = [
    'TemporalCorruption', 'LEVELS', 'PROMPT_STRATEGIES', 'random_drop_mask',
    'burst_drop_mask', 'block_drop_mask', 'prompt_mask', 'sample_rng',
    'clip_masks', 'DualLevelSampleFrames', 'check_elements',
    'element_segments', 'MultiView', 'ReverseFineElements', 'WarpElements'
]
