"""A synthetic fine-grained 2D skeleton dataset in COCO-17 (the embedded demo).

Twelve classes that differ only by subtle motion (sixteen with
``flick=True``):

* ``arm_circle``: one straight arm circles in the frontal plane, for the
  left or right arm, one or four turns, forward or reversed (the reversed
  class is the forward one played backwards, i.e. the other rotation
  sense). Four turns are fast: a turn takes 10-20 frames and a 16-frame
  clip steps 90 degrees per frame on average. With 75% of the frames
  dropped a clip's kept frames lie a whole turn apart on average, so one
  clip alone hardly tells the rotation sense: that is what dropped frames
  hide here, as they hide fast sub-movements in fine-grained gymnastics
  (an earlier version with two turns left ST-GCN at 0.95-1.00 on most
  seeds, too close to FineTec's 1.00 to tell them apart);
* ``arm_circle ... flick`` (the ``flick`` variant): the one-turn circle
  with a fast forearm flick (the elbow folds and opens again) in its
  middle part, lasting 15-22% of the sample (6-17 frames; 2-4 frames of
  a 16-frame clip). Each differs from its plain twin only by this short,
  fast sub-movement: with 75% of the frames dropped, a clip keeps one of
  its frames or none;
* ``knee_then_arm``: a knee lift followed by raising the arm of the other
  side, led by the left or right leg, or the same played backwards (arm
  first, then knee).

Every sample varies in duration (speed), time warping, body size, position,
start phase, idle sway, camera noise and missed detections (keypoints with
scores near zero). Generation is deterministic for a seed.
"""
from typing import Dict, List, Tuple

import numpy as np

from mmfine.structures import get_layout

LAYOUT = get_layout('coco17')
IMG_SHAPE = (1080, 1920)

# rest pose in metres, y up, pelvis centre at (0, 1); person faces the camera
# so its left side is on the image's right (+x)
_REST = {
    'nose': (0.0, 1.62),
    'left_eye': (0.03, 1.65),
    'right_eye': (-0.03, 1.65),
    'left_ear': (0.07, 1.62),
    'right_ear': (-0.07, 1.62),
    'left_shoulder': (0.18, 1.42),
    'right_shoulder': (-0.18, 1.42),
    'left_elbow': (0.2, 1.15),
    'right_elbow': (-0.2, 1.15),
    'left_wrist': (0.21, 0.9),
    'right_wrist': (-0.21, 0.9),
    'left_hip': (0.1, 0.95),
    'right_hip': (-0.1, 0.95),
    'left_knee': (0.11, 0.52),
    'right_knee': (-0.11, 0.52),
    'left_ankle': (0.11, 0.08),
    'right_ankle': (-0.11, 0.08),
}
REST_POSE = np.array([_REST[j] for j in LAYOUT.joints], dtype=np.float64)
UPPER_ARM, FOREARM = 0.27, 0.25
THIGH, SHIN = 0.43, 0.44


def _class_table(flick: bool = False) -> List[Tuple[str, dict]]:
    table = []
    for side in ('left', 'right'):
        for turns in (1, 4):
            for reverse in (False, True):
                name = (f'arm_circle_{side}_{turns}turn'
                        f'{"s" if turns > 1 else ""}'
                        f'_{"reversed" if reverse else "forward"}')
                spec = dict(
                    kind='arm_circle', side=side, turns=turns, reverse=reverse)
                table.append((name, spec))
    for side in ('left', 'right'):
        for reverse in (False, True):
            name = (f'arm_then_knee_{side}'
                    if reverse else f'knee_then_arm_{side}')
            spec = dict(
                kind='knee_then_arm', side=side, turns=1, reverse=reverse)
            table.append((name, spec))
    if flick:
        for side in ('left', 'right'):
            for reverse in (False, True):
                name = (f'arm_circle_{side}_1turn_'
                        f'{"reversed" if reverse else "forward"}_flick')
                spec = dict(
                    kind='arm_circle',
                    side=side,
                    turns=1,
                    reverse=reverse,
                    flick=True)
                table.append((name, spec))
    return table


#: the twelve classes of the embedded dataset
CLASSES = _class_table()
CLASS_NAMES = [name for name, _ in CLASSES]
#: the sixteen of its ``flick`` variant (the twelve first)
FLICK_CLASSES = _class_table(flick=True)


def _ease(u: np.ndarray) -> np.ndarray:
    """Smooth 0 -> 1 progress with zero speed at both ends."""
    return 0.5 - 0.5 * np.cos(np.pi * np.clip(u, 0, 1))


def _bump(u: np.ndarray) -> np.ndarray:
    """0 -> 1 -> 0 over ``u`` in [0, 1], smooth."""
    return np.sin(np.pi * np.clip(u, 0, 1))**2


def _set_arm(pose, side: str, angle: np.ndarray, sign: float):
    """Straight arm at ``angle`` from hanging down, raised outwards."""
    s = LAYOUT.index(f'{side}_shoulder')
    e, w = LAYOUT.index(f'{side}_elbow'), LAYOUT.index(f'{side}_wrist')
    direction = np.stack([sign * np.sin(angle), -np.cos(angle)], axis=-1)
    pose[:, e] = pose[:, s] + UPPER_ARM * direction
    pose[:, w] = pose[:, s] + (UPPER_ARM + FOREARM) * direction


def _fold_forearm(pose, side: str, fold: np.ndarray, sign: float):
    """Bend the elbow of ``side`` by ``fold * 150`` degrees towards the
    body (0: straight arm)."""
    e, w = LAYOUT.index(f'{side}_elbow'), LAYOUT.index(f'{side}_wrist')
    forearm = pose[:, w] - pose[:, e]
    angle = -sign * fold * np.deg2rad(150)
    cos, sin = np.cos(angle), np.sin(angle)
    pose[:, w, 0] = pose[:, e, 0] + cos * forearm[:, 0] - sin * forearm[:, 1]
    pose[:, w, 1] = pose[:, e, 1] + sin * forearm[:, 0] + cos * forearm[:, 1]


def _set_knee_lift(pose, side: str, lift: np.ndarray):
    """Raise the thigh of ``side`` by ``lift`` (0 standing, 1 horizontal)."""
    h = LAYOUT.index(f'{side}_hip')
    k, a = LAYOUT.index(f'{side}_knee'), LAYOUT.index(f'{side}_ankle')
    angle = lift * np.pi / 2  # in the frontal view the thigh shortens
    pose[:, k, 1] = pose[:, h, 1] - THIGH * np.cos(angle)
    pose[:, a, 1] = pose[:, k, 1] - SHIN


def _motion(spec: dict, t: int, rng: np.random.Generator) -> np.ndarray:
    """Clean pose sequence ``[t, 17, 2]`` (metres, y up) of one class."""
    u = np.linspace(0, 1, t)
    warp = rng.uniform(-0.08, 0.08)  # mild non-uniform speed
    u = np.clip(u + warp * np.sin(np.pi * u), 0, 1)
    pose = np.repeat(REST_POSE[None], t, axis=0)
    sign = 1.0 if spec['side'] == 'left' else -1.0
    if spec['kind'] == 'arm_circle':
        start = rng.uniform(-0.3, 0.3)
        angle = start + 2 * np.pi * spec['turns'] * _ease(u)
        _set_arm(pose, spec['side'], angle, sign)
        if spec.get('flick', False):
            width = rng.uniform(0.15, 0.22)
            start = rng.uniform(0.25, 0.75 - width)
            _fold_forearm(pose, spec['side'], _bump((u - start) / width), sign)
        # the body leans slightly away from the moving arm
        lean = 0.015 * np.sin(angle) * sign
        pose[:, :, 0] -= lean[:, None] * (pose[:, :, 1] - 1.0)
    else:
        other = 'right' if spec['side'] == 'left' else 'left'
        _set_knee_lift(pose, spec['side'], 0.8 * _bump(u / 0.5))
        _set_arm(pose, other, 2.6 * _bump((u - 0.5) / 0.5), -sign)
    if spec['reverse']:
        pose = pose[::-1].copy()
    return pose


def _nuisance(pose: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Idle sway, head bob and a drift that carry no class information."""
    t = len(pose)
    time = np.arange(t) / 30.0
    sway = rng.uniform(0, 0.03) * np.sin(2 * np.pi * rng.uniform(0.2, 0.6) *
                                         time + rng.uniform(0, 2 * np.pi))
    pose = pose.copy()
    pose[:, :, 0] += sway[:, None] * (pose[:, :, 1] / 1.6)
    head = [
        LAYOUT.index(j)
        for j in ('nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear')
    ]
    pose[:, head, 1] += rng.uniform(0, 0.02) * np.sin(
        2 * np.pi * rng.uniform(0.5, 1.5) * time)[:, None]
    drift = rng.uniform(-0.15, 0.15) * np.linspace(0, 1, t)
    pose[:, :, 0] += drift[:, None]
    return pose


def _to_image(pose: np.ndarray,
              rng: np.random.Generator) -> Tuple[np.ndarray, np.ndarray]:
    """Project to pixels with size/position jitter, camera noise and missed
    detections; return ``keypoint [t, 17, 2]`` and ``score [t, 17]``."""
    h, w = IMG_SHAPE
    ground = rng.uniform(0.8, 0.95) * h
    height_px = rng.uniform(0.5, 0.75) * ground  # raised hands stay inside
    scale = height_px / 1.7
    cx = rng.uniform(0.4, 0.6) * w
    xy = np.empty_like(pose)
    xy[..., 0] = cx + pose[..., 0] * scale
    xy[..., 1] = ground - pose[..., 1] * scale
    xy += rng.normal(0, rng.uniform(0.002, 0.008) * height_px, xy.shape)
    score = rng.uniform(0.6, 1.0, xy.shape[:2])
    if rng.random() < 0.5:  # a few bursts of missed detections
        for _ in range(rng.integers(1, 4)):
            start = rng.integers(0, len(xy))
            length = rng.integers(1, 6)
            joints = rng.choice(
                LAYOUT.num_joints, rng.integers(1, 4), replace=False)
            span = slice(start, start + length)
            for j in joints:
                score[span, j] = rng.uniform(0, 0.05, score[span, j].shape)
                xy[span, j] += rng.normal(0, 0.15 * height_px, xy[span,
                                                                  j].shape)
    return xy.astype(np.float32), score.astype(np.float32)


def make_sample(label: int,
                index: int,
                seed: int,
                flick: bool = False) -> Dict:
    """One annotation in MMAction2's ``PoseDataset`` format."""
    rng = np.random.default_rng([seed, label, index])
    name, spec = (FLICK_CLASSES if flick else CLASSES)[label]
    t = int(rng.integers(40, 81))
    pose = _nuisance(_motion(spec, t, rng), rng)
    keypoint, score = _to_image(pose, rng)
    return dict(
        frame_dir=f'{name}_{index:04d}',
        label=label,
        img_shape=IMG_SHAPE,
        original_shape=IMG_SHAPE,
        total_frames=t,
        keypoint=keypoint[None],
        keypoint_score=score[None])


def make_dataset(train_per_class: int = 40,
                 test_per_class: int = 15,
                 seed: int = 0,
                 flick: bool = False) -> Dict:
    """The whole dataset: ``split`` (train/test), ``annotations``,
    ``classes``, in the layout of MMAction2's skeleton pickles; with
    ``flick`` the four flick classes too."""
    classes = FLICK_CLASSES if flick else CLASSES
    annotations, split = [], dict(train=[], test=[])
    for label in range(len(classes)):
        for i in range(train_per_class + test_per_class):
            sample = make_sample(label, i, seed, flick)
            annotations.append(sample)
            part = 'train' if i < train_per_class else 'test'
            split[part].append(sample['frame_dir'])
    return dict(
        split=split,
        annotations=annotations,
        classes=[name for name, _ in classes],
        layout=LAYOUT.name)
