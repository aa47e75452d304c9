from .completion_mlp import CompletionMLP, MixingBlock, frame_position_encoding
from .context_aware_completion import ContextAwareCompletion
from .finetec_recognizer import FineTecRecognizer
from .physics_acceleration import (LagrangianAcceleration, central_velocity,
                                   second_difference, symmetric_from_upper)
from .position_acceleration_attention import PositionAccelerationAttention
from .prompt_masks import PROMPT_STRATEGIES, prompt_mask
from .skeleton_completion_model import SkeletonCompletionModel
from .skeleton_perturbations import (PERTURBATIONS, axis_mask, bone_rescale,
                                     build_perturbation, dropout,
                                     gaussian_noise, interpolation,
                                     spatial_flip, temporal_crop, time_flip)
from .spatial_decomposition import (FIVE_REGIONS, SpatialDecomposition,
                                    crop_resize, five_regions)

__all__ = [
    'CompletionMLP', 'MixingBlock', 'frame_position_encoding',
    'ContextAwareCompletion', 'FineTecRecognizer', 'LagrangianAcceleration',
    'central_velocity', 'second_difference', 'symmetric_from_upper',
    'PositionAccelerationAttention', 'PROMPT_STRATEGIES', 'prompt_mask',
    'SkeletonCompletionModel', 'FIVE_REGIONS', 'SpatialDecomposition',
    'crop_resize', 'five_regions', 'PERTURBATIONS', 'axis_mask',
    'bone_rescale', 'build_perturbation', 'dropout', 'gaussian_noise',
    'interpolation', 'spatial_flip', 'temporal_crop', 'time_flip'
]
