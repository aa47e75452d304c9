"""Synthetic judged routines in COCO-17 (the CoFInAl demo's data).

A routine is five elements in a fixed order: raise the left arm, raise the
right arm, lift the left knee, lift the right knee, one left arm circle.
Each performer has a skill k in [0, 1]; per element they miss the target
amplitude by a relative error ``e ~ N(0, (0.05 + 0.35 (1 - k))^2)`` and
shake the moving limb with a tremor of amplitude ``a ~ U(0, 0.04 (1 - k))``
metres. The judged score, in [0, 10], is graded by both, per element:

    q = max(0, 1 - |e| / 0.5) * (1 - 0.5 * min(1, a / 0.03))
    score = 10 * mean(q)

so over- and under-shooting cost the same (no linear function of the
amplitude ranks them) and a clean, exact routine scores 10. Element
durations (the tempo), body size, position, sway and camera noise vary
independently of the score: a routine's length says nothing about it.
"""
from typing import Dict, List

import numpy as np

from .synthetic_fine_skeleton import (IMG_SHAPE, LAYOUT, REST_POSE, _bump,
                                      _ease, _nuisance, _set_arm,
                                      _set_knee_lift, _to_image)

#: element name -> (kind, side, target amplitude)
ELEMENTS = (('left arm raise', 'arm', 'left',
             2.4), ('right arm raise', 'arm', 'right',
                    2.4), ('left knee lift', 'knee', 'left', 0.8),
            ('right knee lift', 'knee', 'right', 0.8), ('left arm circle',
                                                        'circle', 'left', 1.0))
SCORE_RANGE = (0.0, 10.0)
MOVING_JOINTS = dict(
    arm=('wrist', 'elbow'), circle=('wrist', 'elbow'), knee=('knee', 'ankle'))


def element_quality(error: float, tremor: float) -> float:
    """The judged quality of one element in [0, 1] (module docstring)."""
    return max(0.0, 1 - abs(error) / 0.5) * (1 - 0.5 * min(1.0, tremor / 0.03))


def _element(kind: str, side: str, amplitude: float, t: int,
             rng: np.random.Generator) -> np.ndarray:
    """Clean poses ``[t, 17, 2]`` of one element at ``amplitude``."""
    u = np.linspace(0, 1, t)
    pose = np.repeat(REST_POSE[None], t, axis=0)
    sign = 1.0 if side == 'left' else -1.0
    if kind == 'arm':
        _set_arm(pose, side, amplitude * _bump(u), sign)
    elif kind == 'knee':
        _set_knee_lift(pose, side, amplitude * _bump(u))
    else:
        _set_arm(pose, side, 2 * np.pi * amplitude * _ease(u), sign)
    return pose


def make_routine(index: int, seed: int) -> Dict:
    """One judged routine: a ``PoseDataset`` annotation with ``score``,
    ``skill`` and the per-element ``errors`` and ``tremors``."""
    rng = np.random.default_rng([seed, index])
    skill = rng.uniform()
    parts, errors, tremors, quality = [], [], [], []
    for _, kind, side, target in ELEMENTS:
        error = rng.normal(0, 0.05 + 0.35 * (1 - skill))
        tremor = rng.uniform(0, 0.04 * (1 - skill))
        t = int(rng.integers(36, 61))
        pose = _element(kind, side, target * (1 + error), t, rng)
        joints = [LAYOUT.index(f'{side}_{j}') for j in MOVING_JOINTS[kind]]
        pose[:, joints] += tremor * rng.normal(0, 1, (t, 1, 2))
        parts.append(pose)
        errors.append(error)
        tremors.append(tremor)
        quality.append(element_quality(error, tremor))
    pose = _nuisance(np.concatenate(parts), rng)
    keypoint, keypoint_score = _to_image(pose, rng)
    return dict(
        frame_dir=f'routine_{index:04d}',
        label=0,
        img_shape=IMG_SHAPE,
        original_shape=IMG_SHAPE,
        total_frames=len(keypoint),
        keypoint=keypoint[None],
        keypoint_score=keypoint_score[None],
        score=float(10 * np.mean(quality)),
        skill=float(skill),
        errors=np.array(errors, np.float32),
        tremors=np.array(tremors, np.float32))


def make_quality_dataset(num_train: int = 400,
                         num_test: int = 100,
                         seed: int = 0) -> Dict[str, List[Dict]]:
    """``{'train': [...], 'test': [...]}`` routines (``make_routine``)."""
    return dict(
        train=[make_routine(i, seed) for i in range(num_train)],
        test=[make_routine(num_train + i, seed) for i in range(num_test)])
