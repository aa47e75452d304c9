"""Follow one subject (the primary athlete) through a video's detections."""
from typing import Optional, Sequence

import numpy as np

from .frame_poses import FramePoses


def box_iou(box: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """IoU of one ``x1, y1, x2, y2`` box with each of ``boxes (P, 4)``."""
    lt = np.maximum(box[:2], boxes[:, :2])
    rb = np.minimum(box[2:], boxes[:, 2:])
    inter = np.prod(np.clip(rb - lt, 0, None), axis=1)
    area = np.prod(np.clip(box[2:] - box[:2], 0, None))
    areas = np.prod(np.clip(boxes[:, 2:] - boxes[:, :2], 0, None), axis=1)
    union = area + areas - inter
    return np.where(union > 0, inter / np.maximum(union, 1e-9), 0.0)


class PersonTracker:
    """Links the subject's detections across frames.

    The subject is chosen in the first frame with a person: the detection
    overlapping ``init_bbox`` most (a first-frame box of the primary
    athlete, as Gym288-skeleton was built), else the largest box weighted
    by its mean keypoint score. In every later frame each detection is
    compared with the subject's last sighting,

        similarity = w * IoU + (1 - w) * max(0, 1 - d / diag),

    ``d`` the mean distance of the keypoints both score above
    ``min_score`` and ``diag`` the diagonal of the last box; the best
    detection with ``similarity >= threshold`` continues the track,
    otherwise the subject is lost in that frame (:meth:`update` returns
    None) and the last sighting is kept for the frames after. After
    ``reacquire_after`` frames in a row without the subject the tracker
    starts afresh and picks again as in the first frame (a person who
    left the frame and came back elsewhere).

    Args:
        init_bbox (Sequence[float], optional): ``x1, y1, x2, y2`` of the
            subject in its first frame.
        iou_weight (float): ``w``. Defaults to 0.5.
        threshold (float): Defaults to 0.3.
        min_score (float): Keypoints used in ``d``. Defaults to 0.3.
        reacquire_after (int): Frames lost before picking again. Defaults
            to 25 (one second at 25 fps).
    """

    def __init__(self,
                 init_bbox: Optional[Sequence[float]] = None,
                 iou_weight: float = 0.5,
                 threshold: float = 0.3,
                 min_score: float = 0.3,
                 reacquire_after: int = 25) -> None:
        if init_bbox is not None:
            init_bbox = np.asarray(init_bbox, np.float32)
            if init_bbox.shape != (4, ) or not (init_bbox[2:] >
                                                init_bbox[:2]).all():
                raise ValueError('init_bbox must be x1, y1, x2, y2 with '
                                 f'x2 > x1 and y2 > y1, got {init_bbox}')
        self.init_bbox = init_bbox
        self.iou_weight, self.threshold = iou_weight, threshold
        self.min_score = min_score
        self.reacquire_after = reacquire_after
        self.last = None  # (bbox, keypoints, scores) of the last sighting
        self.lost = 0  # frames in a row without the subject

    def similarity(self, poses: FramePoses) -> np.ndarray:
        """``(P,)`` similarity of each detection to the last sighting."""
        box, kp, sc = self.last
        iou = box_iou(box, poses.bboxes)
        both = (poses.scores >= self.min_score) & (sc >= self.min_score)
        dist = np.linalg.norm(poses.keypoints - kp, axis=-1)
        mean = np.where(both.any(1), (dist * both).sum(1) / np.maximum(
            both.sum(1), 1), np.inf)
        diag = max(float(np.linalg.norm(box[2:] - box[:2])), 1.0)
        closeness = np.clip(1 - mean / diag, 0, None)
        return self.iou_weight * iou + (1 - self.iou_weight) * closeness

    def first(self, poses: FramePoses) -> Optional[int]:
        if self.init_bbox is not None:
            iou = box_iou(self.init_bbox, poses.bboxes)
            return int(iou.argmax()) if iou.max() > 0 else None
        sides = np.clip(poses.bboxes[:, 2:] - poses.bboxes[:, :2], 0, None)
        return int(np.argmax(sides.prod(1) * poses.scores.mean(1)))

    def update(self, poses: FramePoses) -> Optional[int]:
        """The index of the subject among ``poses``, or None (lost)."""
        if self.last is not None and self.lost >= self.reacquire_after:
            self.last = None
        if poses.num_persons == 0:
            index = None
        elif self.last is None:
            index = self.first(poses)
        else:
            sim = self.similarity(poses)
            index = int(sim.argmax()) if sim.max() >= self.threshold \
                else None
        if index is None:
            self.lost += 1
        else:
            self.lost = 0
            self.last = (poses.bboxes[index], poses.keypoints[index],
                         poses.scores[index])
        return index
