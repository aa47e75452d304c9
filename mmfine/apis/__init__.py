from . import clip_features, corruption_study
from .clip_features import (build_feature_extractor, extract_pose_features,
                            extract_video_features, pose_clip_features,
                            video_clip_features)
from .restoration_benchmark import RESTORER_NAMES, evaluate_restorers
from .video_features import export_video_features

__all__ = [
    'corruption_study', 'evaluate_restorers', 'RESTORER_NAMES',
    'clip_features', 'build_feature_extractor', 'video_clip_features',
    'pose_clip_features', 'extract_video_features', 'extract_pose_features',
    'export_video_features'
]
