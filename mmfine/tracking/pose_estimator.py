"""The interface every pose backend implements, and its registry."""
from abc import ABCMeta, abstractmethod

import numpy as np
from mmengine.registry import Registry

from .frame_poses import FramePoses

#: pose backends by name: ``build_pose_estimator(dict(type='MediaPipePose'))``
POSE_ESTIMATORS = Registry('pose estimator')


class PoseEstimator(metaclass=ABCMeta):
    """Finds people and their keypoints in video frames.

    Frames are ``(H, W, 3)`` uint8 **RGB** arrays (as decord decodes them),
    given in time order; call :meth:`reset` before the frames of another
    video (backends that track across frames start afresh).
    """

    #: joint layout of ``FramePoses.keypoints``
    layout: str = 'coco17'

    @abstractmethod
    def __call__(self, frame: np.ndarray) -> FramePoses:
        """The people in ``frame``."""

    def reset(self) -> None:
        """Forget the previous frames (a new video starts)."""

    def close(self) -> None:
        """Release the backend's resources."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def check_frame(frame: np.ndarray) -> None:
    if not isinstance(frame, np.ndarray) or frame.ndim != 3 or \
            frame.shape[-1] != 3 or frame.dtype != np.uint8 or \
            0 in frame.shape:
        raise ValueError('a frame must be an (H, W, 3) uint8 RGB array, got '
                         f'{getattr(frame, "shape", type(frame).__name__)} '
                         f'{getattr(frame, "dtype", "")}')


def build_pose_estimator(cfg: dict) -> PoseEstimator:
    """Build a backend from ``dict(type=..., **kwargs)`` (the types:
    ``POSE_ESTIMATORS``)."""
    from . import mediapipe_pose, mmpose_topdown  # noqa: F401 (register)
    if not isinstance(cfg, dict) or 'type' not in cfg:
        raise TypeError(f'a pose estimator config is a dict with "type", '
                        f'got {cfg!r}')
    kwargs = dict(cfg)
    name = kwargs.pop('type')
    estimator = POSE_ESTIMATORS.get(name)
    if estimator is None:
        raise KeyError(f'unknown pose estimator {name!r}; known: '
                       f'{sorted(POSE_ESTIMATORS.module_dict)}')
    return estimator(**kwargs)
