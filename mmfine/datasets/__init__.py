from .checked_pose_dataset import BadAnnotationError, CheckedPoseDataset
from .pose_annotation_check import pose_annotation_problems
from .transforms import LEVELS, TemporalCorruption
from .safe_pickle import (RestrictedUnpickler, UnsafePickleError,
                          safe_load_pickle)

__all__ = [
    'CheckedPoseDataset', 'BadAnnotationError', 'pose_annotation_problems',
    'safe_load_pickle', 'RestrictedUnpickler', 'UnsafePickleError',
    'TemporalCorruption', 'LEVELS'
]
