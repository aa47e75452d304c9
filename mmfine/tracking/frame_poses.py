"""The people a pose estimator found in one frame."""
from dataclasses import dataclass
from typing import Optional

import numpy as np


@dataclass
class FramePoses:
    """Per-person keypoints of one frame, in pixels of that frame.

    Attributes:
        keypoints (np.ndarray): ``(P, V, 2)`` float32 x, y.
        scores (np.ndarray): ``(P, V)`` float32 confidences in [0, 1].
        bboxes (np.ndarray): ``(P, 4)`` float32 ``x1, y1, x2, y2``.
        layout (str): The joint layout of ``keypoints`` (a
            ``mmfine.structures`` name, e.g. ``'coco17'``).
        mask (np.ndarray, optional): ``(H, W)`` float32 probability that a
            pixel belongs to a person, when the backend segments.
        landmarks (np.ndarray, optional): ``(P, L, 3)`` the backend's own
            full landmark set (x, y in pixels, score), e.g. MediaPipe's 33
            with hands and feet.
    """
    keypoints: np.ndarray
    scores: np.ndarray
    bboxes: np.ndarray
    layout: str
    mask: Optional[np.ndarray] = None
    landmarks: Optional[np.ndarray] = None

    def __post_init__(self):
        p = len(self.keypoints)
        if self.keypoints.ndim != 3 or self.keypoints.shape[-1] != 2 or \
                self.scores.shape != self.keypoints.shape[:2] or \
                self.bboxes.shape != (p, 4):
            raise ValueError(
                f'FramePoses: keypoints {self.keypoints.shape}, scores '
                f'{self.scores.shape} and bboxes {self.bboxes.shape} do not '
                'describe the same (P, V) people')

    @property
    def num_persons(self) -> int:
        return len(self.keypoints)

    @classmethod
    def empty(cls, layout: str, num_joints: int, mask=None) -> 'FramePoses':
        """No person in the frame."""
        return cls(
            np.zeros((0, num_joints, 2), np.float32),
            np.zeros((0, num_joints), np.float32),
            np.zeros((0, 4), np.float32), layout, mask)


def keypoint_bboxes(keypoints: np.ndarray, scores: np.ndarray,
                    min_score: float = 0.1) -> np.ndarray:
    """``(P, 4)`` boxes around each person's keypoints scoring at least
    ``min_score`` (all keypoints when none does)."""
    boxes = np.zeros((len(keypoints), 4), np.float32)
    for i, (kp, sc) in enumerate(zip(keypoints, scores)):
        seen = kp[sc >= min_score] if (sc >= min_score).any() else kp
        boxes[i] = [*seen.min(0), *seen.max(0)]
    return boxes
