from .frame_drop_masks import (LEVELS, SCOPES, block_drop_mask,
                               burst_drop_mask, corruption_masks, drop_mask,
                               num_dropped, random_drop_mask, resolve_ratio,
                               sample_key, sample_rng)
from .frame_restoration import (RESTORERS, left_to_right_copy,
                                linear_interpolation, local_polynomial,
                                right_to_left_copy)
from .layout_conversion import (COMPOSITE_JOINTS, conversion_sources,
                                convert_keypoints)
from .layouts import get_layout, list_layouts, register_layout
from .skeleton_layout import REGIONS, SkeletonLayout, region_of
from .temporal_elements import check_elements, element_segments

__all__ = [
    'SkeletonLayout', 'REGIONS', 'region_of', 'get_layout', 'list_layouts',
    'register_layout', 'convert_keypoints', 'conversion_sources',
    'COMPOSITE_JOINTS', 'LEVELS', 'SCOPES', 'resolve_ratio', 'block_drop_mask',
    'burst_drop_mask', 'corruption_masks', 'drop_mask', 'num_dropped',
    'random_drop_mask', 'sample_key', 'sample_rng', 'RESTORERS',
    'local_polynomial', 'left_to_right_copy', 'linear_interpolation',
    'right_to_left_copy',
    'check_elements', 'element_segments'
]
