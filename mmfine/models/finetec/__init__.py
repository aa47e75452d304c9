from .completion_mlp import CompletionMLP, MixingBlock, frame_position_encoding
from .context_aware_completion import ContextAwareCompletion
from .physics_acceleration import (LagrangianAcceleration, central_velocity,
                                   second_difference, symmetric_from_upper)
from .position_acceleration_attention import PositionAccelerationAttention
from .restoration_baselines import (RESTORERS, left_to_right_copy,
                                    linear_interpolation, right_to_left_copy)
from .spatial_decomposition import (FIVE_REGIONS, SpatialDecomposition,
                                    crop_resize, five_regions)

__all__ = [
    'CompletionMLP', 'MixingBlock', 'frame_position_encoding',
    'ContextAwareCompletion', 'LagrangianAcceleration', 'central_velocity',
    'second_difference', 'symmetric_from_upper',
    'PositionAccelerationAttention', 'RESTORERS', 'left_to_right_copy',
    'right_to_left_copy', 'linear_interpolation', 'FIVE_REGIONS',
    'SpatialDecomposition', 'crop_resize', 'five_regions'
]
