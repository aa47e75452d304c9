"""Pose estimation on video frames behind one interface, and tracking of
the subject across frames."""
from .frame_poses import FramePoses, keypoint_bboxes
from .person_tracker import PersonTracker, box_iou
from .pose_estimator import (POSE_ESTIMATORS, PoseEstimator,
                             build_pose_estimator)

__all__ = [
    'FramePoses', 'keypoint_bboxes', 'PersonTracker', 'box_iou',
    'POSE_ESTIMATORS', 'PoseEstimator', 'build_pose_estimator'
]
