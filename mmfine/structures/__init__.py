from .layout_conversion import (COMPOSITE_JOINTS, conversion_sources,
                                convert_keypoints)
from .layouts import get_layout, list_layouts, register_layout
from .skeleton_layout import REGIONS, SkeletonLayout, region_of

__all__ = [
    'SkeletonLayout', 'REGIONS', 'region_of', 'get_layout', 'list_layouts',
    'register_layout', 'convert_keypoints', 'conversion_sources',
    'COMPOSITE_JOINTS'
]
