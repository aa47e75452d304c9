from . import samplers  # noqa: F401
from .checked_pose_dataset import BadAnnotationError, CheckedPoseDataset
from .checked_video_dataset import CheckedVideoDataset
from .clip_feature_score_dataset import ClipFeatureScoreDataset
from .pose_annotation_check import pose_annotation_problems
from .score_table import LABEL_FORMATS, read_score_table
from .transforms import LEVELS, TemporalCorruption

__all__ = [
    'CheckedPoseDataset', 'CheckedVideoDataset', 'BadAnnotationError',
    'pose_annotation_problems', 'TemporalCorruption', 'LEVELS',
    'ClipFeatureScoreDataset', 'LABEL_FORMATS', 'read_score_table'
]
