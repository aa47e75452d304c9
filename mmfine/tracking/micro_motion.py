"""MA-Bench's micro-motion tracker: dense optical flow inside the person
mask, read out per body part (seed 004, Appendix A.1-A.2).

Per frame t >= 1 and part, the ``vector`` is the median flow from frame
t-1 to t over the part's pixels in frame t-1 (its region, see
:mod:`~mmfine.tracking.body_parts`, intersected with the person mask where
the backend segments and the intersection is not empty; the median, as
occlusion edges and textureless patches give outliers), in pixels per
frame of the original video with **vy > 0 meaning upward**; frame 0's
vector is ``[0, 0]``. ``coord`` is the part's position in frame t,
normalised to [0, 1] from the top-left corner. ``directions`` are the
mean of the flow's four directional components (up, right, down, left;
each >= 0, px/frame) over the same pixels: the paper's four-direction
flow read out per part, which keeps motion in opposite directions within
a part that the median vector cancels. Where the subject is not
found the part keeps its last position (its vector is still the flow
there; before the first sighting every part sits at the frame centre).
"""
import time
from typing import Dict, List, NamedTuple, Optional

import cv2
import numpy as np

from .body_parts import BODY_PARTS, part_points, part_region
from .person_tracker import PersonTracker

FLOW_METHODS = ('dis', 'farneback')


class DenseFlow:
    """Dense optical flow ``(H, W, 2)`` (x right, y down, px/frame)
    between two grey frames: OpenCV's DIS (``'dis'``, preset fast) or
    Farneback (``'farneback'``)."""

    def __init__(self, method: str = 'dis') -> None:
        if method not in FLOW_METHODS:
            raise ValueError(f'flow must be one of {FLOW_METHODS}, got '
                             f'{method!r}')
        self.method = method
        self._dis = cv2.DISOpticalFlow_create(
            cv2.DISOPTICAL_FLOW_PRESET_FAST) if method == 'dis' else None

    def __call__(self, prev: np.ndarray, cur: np.ndarray) -> np.ndarray:
        if self._dis is not None:
            return self._dis.calc(prev, cur, None)
        return cv2.calcOpticalFlowFarneback(prev, cur, None, 0.5, 3, 15, 3,
                                            5, 1.2, 0)


def directional_components(flow: np.ndarray) -> np.ndarray:
    """The four directional components ``(..., 4)`` of a flow ``(..., 2)``
    (a field ``(H, W, 2)`` or a part's pixels ``(N, 2)``): up, right,
    down, left (each >= 0; image y points down)."""
    fx, fy = flow[..., 0], flow[..., 1]
    return np.stack([
        np.maximum(-fy, 0),
        np.maximum(fx, 0),
        np.maximum(fy, 0),
        np.maximum(-fx, 0)
    ], -1)


class TrackedFrame(NamedTuple):
    """What the tracker saw in frame ``t`` (working resolution), for
    overlays: the RGB frame, the parts (``part_points``) and their region
    radius, the parts' flow ``(fx, fy)`` in image axes (zeros at t = 0),
    the flow into this frame (None at t = 0), the person mask and the
    video's frame rate."""
    t: int
    frame: np.ndarray
    parts: dict
    radius: float
    vectors: Dict[str, np.ndarray]
    flow: Optional[np.ndarray]
    mask: Optional[np.ndarray]
    fps: float


class MotionDescriptors(NamedTuple):
    """Per part, one ``{'vector': [vx, vy], 'coord': [x, y], 'directions':
    [up, right, down, left]}`` per frame (the last the part's mean
    directional flow components in px/frame, beyond MA-Bench's form);
    the video's frame count, rate and size, and seconds spent per stage."""
    parts: Dict[str, List[dict]]
    num_frames: int
    fps: float
    size: tuple
    seconds: Dict[str, float]

    def to_json(self) -> dict:
        """MA-Bench's form: part name -> list, plus ``num_frames`` and
        ``fps``."""
        return dict(self.parts, num_frames=self.num_frames, fps=self.fps)

    def most_active(self, count: int = 3) -> List[tuple]:
        """``[(part, mean speed in px/frame)]`` of the ``count`` fastest
        parts."""
        speeds = {
            part: float(
                np.linalg.norm([f['vector'] for f in frames], axis=1).mean())
            for part, frames in self.parts.items()
        }
        return sorted(speeds.items(), key=lambda kv: -kv[1])[:count]

    def frames_per_second(self) -> float:
        """Frames tracked per second of processing."""
        return self.num_frames / max(sum(self.seconds.values()), 1e-9)


def body_scale(keypoints: np.ndarray) -> float:
    """Shoulder width, or half the shoulder-hip distance if larger
    (COCO-17 pixels)."""
    shoulders = np.linalg.norm(keypoints[5] - keypoints[6])
    torso = np.linalg.norm(keypoints[[5, 6]].mean(0) -
                           keypoints[[11, 12]].mean(0))
    return float(max(shoulders, 0.5 * torso))


def part_motion(flow: np.ndarray, parts: dict, radius: float,
                mask: Optional[np.ndarray], mask_threshold: float) -> tuple:
    """Per part, over its region (and the person mask): the median flow
    ``(fx, fy)`` and the mean of the four directional components (up,
    right, down, left); zeros for a part outside the frame. Returns the two
    dicts ``(vectors, directions)``."""
    vectors, directions = {}, {}
    for name, (kind, points) in parts.items():
        rows, cols, inside = part_region(kind, points, radius,
                                         flow.shape[:2])
        if mask is not None:
            on_person = inside & (mask[rows, cols] > mask_threshold)
            if on_person.any():
                inside = on_person
        values = flow[rows, cols][inside]
        found = len(values) > 0
        vectors[name] = np.median(values, 0) if found else np.zeros(2)
        directions[name] = directional_components(values).mean(0) \
            if found else np.zeros(4)
    return vectors, directions


def track_micro_motion(path: str,
                       estimator,
                       flow: str = 'dis',
                       max_side: int = 640,
                       radius_scale: float = 0.25,
                       mask_threshold: float = 0.5,
                       on_frame=None) -> MotionDescriptors:
    """Body-part motion descriptors of a video (module docstring).

    Args:
        path (str): The video.
        estimator (PoseEstimator): COCO-17 pose backend; with a person
            mask (MediaPipe) the flow is read on the person only.
        flow (str): ``'dis'`` or ``'farneback'``. Defaults to ``'dis'``.
        max_side (int): Frames are processed with their longer side at
            most this (vectors are scaled back to the video's pixels).
            Defaults to 640.
        radius_scale (float): Part radius as a fraction of the body scale
            (shoulder width). Defaults to 0.25.
        mask_threshold (float): Person-mask probability. Defaults to 0.5.
        on_frame (callable, optional): Called with a ``TrackedFrame`` per
            frame (for overlays).

    Returns:
        MotionDescriptors: Finite vectors and coordinates for every part
        and frame.
    """
    from mmfine.apis.skeleton_extraction import open_video
    if estimator.layout != 'coco17':
        raise ValueError('the micro-motion tracker maps COCO-17 keypoints '
                         f'to body parts; the backend gives '
                         f'{estimator.layout!r}')
    reader = open_video(path)
    total, fps = len(reader), float(reader.get_avg_fps())
    if not fps > 0:
        raise ValueError(f'{path}: the container gives no frame rate')
    flow_fn = DenseFlow(flow)
    tracker = PersonTracker()
    estimator.reset()
    seconds = dict(decode=0.0, pose=0.0, flow=0.0, descriptors=0.0)
    descriptors = {name: [] for name in BODY_PARTS}
    prev = None  # (grey, parts, radius, mask) of frame t-1
    parts, radius, size, scale = None, 3.0, None, 1.0
    for t in range(total):
        tick = time.perf_counter()
        try:
            frame = reader[t].asnumpy()
        except Exception as error:
            raise ValueError(f'{path}: frame {t} of {total} cannot be '
                             f'decoded ({type(error).__name__})') from None
        if size is None:
            size = frame.shape[1::-1]
            scale = min(1.0, max_side / max(size))
        if scale < 1:
            frame = cv2.resize(frame, None, fx=scale, fy=scale,
                               interpolation=cv2.INTER_AREA)
        h, w = frame.shape[:2]
        grey = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)
        seconds['decode'] += time.perf_counter() - tick
        tick = time.perf_counter()
        poses = estimator(frame)
        seconds['pose'] += time.perf_counter() - tick
        index = tracker.update(poses)
        if index is not None:
            landmarks = None if poses.landmarks is None else \
                poses.landmarks[index]
            parts = part_points(poses.keypoints[index], landmarks)
            radius = max(3.0, radius_scale * body_scale(
                poses.keypoints[index]))
        elif parts is None:
            centre = np.array([[w / 2, h / 2]], np.float32)
            parts = {name: ('centre', centre) for name in BODY_PARTS}
        field = None
        if prev is None:
            vectors = {name: np.zeros(2) for name in BODY_PARTS}
            directions = {name: np.zeros(4) for name in BODY_PARTS}
        else:
            tick = time.perf_counter()
            field = flow_fn(prev[0], grey)
            seconds['flow'] += time.perf_counter() - tick
            tick = time.perf_counter()
            vectors, directions = part_motion(field, prev[1], prev[2],
                                              prev[3], mask_threshold)
            seconds['descriptors'] += time.perf_counter() - tick
        for name in BODY_PARTS:
            fx, fy = vectors[name] / scale
            x, y = parts[name][1].mean(0)
            descriptors[name].append(
                dict(
                    vector=[round(float(fx), 3),
                            round(float(-fy), 3)],
                    coord=[
                        round(float(np.clip(x / w, 0, 1)), 4),
                        round(float(np.clip(y / h, 0, 1)), 4)
                    ],
                    directions=[
                        round(float(d / scale), 3) for d in directions[name]
                    ]))
        if on_frame is not None:
            on_frame(
                TrackedFrame(t, frame, parts, radius, vectors, field,
                             poses.mask, fps))
        prev = (grey, parts, radius, poses.mask)
    return MotionDescriptors(descriptors, total, fps, tuple(size), seconds)
