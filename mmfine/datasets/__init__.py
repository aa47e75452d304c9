from . import samplers  # noqa: F401
from .checked_pose_dataset import BadAnnotationError, CheckedPoseDataset
from .checked_video_dataset import CheckedVideoDataset
from .clip_feature_score_dataset import ClipFeatureScoreDataset
from .micro_action_datasets import (MicroActionPoseDataset,
                                    MicroActionVideoDataset)
from .motion_transfer_dataset import MotionTransferDataset
from .pose_annotation_check import pose_annotation_problems
from .score_table import LABEL_FORMATS, read_score_table
from .transforms import LEVELS, TemporalCorruption

__all__ = [
    'MicroActionVideoDataset', 'MicroActionPoseDataset',
    'CheckedPoseDataset', 'CheckedVideoDataset', 'BadAnnotationError',
    'pose_annotation_problems', 'TemporalCorruption', 'LEVELS',
    'ClipFeatureScoreDataset', 'LABEL_FORMATS', 'read_score_table',
    'MotionTransferDataset'
]
