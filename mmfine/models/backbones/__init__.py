from .multi_granular_timesformer import (DividedSpaceTimeBlock,
                                         MultiGranularTimeSformer)
from .vit_weights import load_vit_weights, to_timm_names

__all__ = [
    'MultiGranularTimeSformer', 'DividedSpaceTimeBlock', 'load_vit_weights',
    'to_timm_names'
]
