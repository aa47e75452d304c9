"""MediaPipe Pose with selfie segmentation, offline on the CPU (the
``mediapipe`` 0.10.14 wheel ships the models)."""
import os
from typing import Optional

import numpy as np

from mmfine.structures import get_layout
from .frame_poses import FramePoses, keypoint_bboxes
from .pose_estimator import POSE_ESTIMATORS, PoseEstimator, check_frame


def mediapipe_landmark_names():
    """MediaPipe Pose's 33 landmark names, lower case, in its order."""
    from mediapipe.python.solutions.pose import PoseLandmark
    return [lm.name.lower() for lm in PoseLandmark]


def mediapipe_indices(layout: str) -> np.ndarray:
    """Index of each joint of ``layout`` among MediaPipe's 33 landmarks, by
    name (COCO-17's nose, left/right eye, ear, shoulder, elbow, wrist, hip,
    knee, ankle have MediaPipe's names, sides the person's own in both;
    ``mediapipe33`` is MediaPipe's own list)."""
    names = mediapipe_landmark_names()
    return np.array([names.index(j) for j in get_layout(layout).joints])


@POSE_ESTIMATORS.register_module()
class MediaPipePose(PoseEstimator):
    """One person per frame (MediaPipe Pose finds the most prominent one
    and tracks it across frames), mapped to COCO-17 (or kept at its 33
    landmarks with ``layout='mediapipe33'``); its full 33 landmarks
    (hands and feet included) are kept in ``FramePoses.landmarks``, its
    person segmentation in ``FramePoses.mask`` (all zeros when nobody is
    found). Scores are MediaPipe's landmark visibility.

    Args:
        model_complexity (int): 0, 1 or 2 (lite, full, heavy). Defaults
            to 1.
        segmentation (bool): Compute the person mask. Defaults to True.
        min_detection_confidence (float): Defaults to 0.5.
        min_tracking_confidence (float): Defaults to 0.5.
        static_image_mode (bool): Detect in every frame instead of
            tracking. Defaults to False.
        smooth (bool): MediaPipe's temporal smoothing of landmarks and
            mask. It steadies skeletons but makes them lag behind fast
            motion, so the micro-motion tracker turns it off. Defaults
            to True.
        layout (str): The keypoints' layout: ``'coco17'`` or
            ``'mediapipe33'`` (MediaPipe's own landmarks, hands and feet
            included). Defaults to ``'coco17'``.
    """
    LAYOUTS = ('coco17', 'mediapipe33')

    def __init__(self,
                 model_complexity: int = 1,
                 segmentation: bool = True,
                 min_detection_confidence: float = 0.5,
                 min_tracking_confidence: float = 0.5,
                 static_image_mode: bool = False,
                 smooth: bool = True,
                 layout: str = 'coco17') -> None:
        if layout not in self.LAYOUTS:
            raise ValueError(f'MediaPipePose gives the layouts '
                             f'{self.LAYOUTS}, not {layout!r}')
        # MediaPipe's C++ side logs every graph start to stderr
        os.environ.setdefault('GLOG_minloglevel', '2')
        try:
            from mediapipe.python.solutions import pose
        except ImportError as error:
            raise ImportError(
                'the MediaPipe pose backend needs mediapipe==0.10.14 (the '
                'last release with the bundled Pose models): pip install '
                '--no-deps mediapipe==0.10.14 absl-py attrs flatbuffers '
                f'"protobuf<5" ({error})') from error
        self._options = dict(
            model_complexity=model_complexity,
            enable_segmentation=segmentation,
            min_detection_confidence=min_detection_confidence,
            min_tracking_confidence=min_tracking_confidence,
            static_image_mode=static_image_mode,
            smooth_landmarks=smooth,
            smooth_segmentation=smooth)
        self._pose_module = pose
        self.segmentation = segmentation
        self.layout = layout
        self.joints = mediapipe_indices(layout)
        self._pose = None
        self.reset()

    def reset(self) -> None:
        self.close()
        self._pose = self._pose_module.Pose(**self._options)

    def close(self) -> None:
        if self._pose is not None:
            self._pose.close()
            self._pose = None

    def __call__(self, frame: np.ndarray) -> FramePoses:
        check_frame(frame)
        if self._pose is None:
            raise RuntimeError('MediaPipePose is closed')
        h, w = frame.shape[:2]
        result = self._pose.process(np.ascontiguousarray(frame))
        mask = None
        if self.segmentation:
            mask = np.zeros((h, w), np.float32) if \
                result.segmentation_mask is None else \
                np.asarray(result.segmentation_mask, np.float32)
        if result.pose_landmarks is None:
            return FramePoses.empty(self.layout, len(self.joints), mask)
        return self.poses(result.pose_landmarks.landmark, w, h, mask)

    def poses(self,
              landmarks,
              width: int,
              height: int,
              mask: Optional[np.ndarray] = None) -> FramePoses:
        """``FramePoses`` of one person from MediaPipe's normalised
        landmarks (x, y in [0, 1] of the frame, visibility)."""
        full = np.array([[lm.x * width, lm.y * height, lm.visibility]
                         for lm in landmarks], np.float32)
        full[:, 2] = np.clip(full[:, 2], 0, 1)
        keypoints = full[None, self.joints, :2]
        scores = full[None, self.joints, 2]
        return FramePoses(keypoints, scores,
                          keypoint_bboxes(keypoints, scores), self.layout,
                          mask, full[None])
