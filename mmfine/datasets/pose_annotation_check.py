"""Validation of MMAction2 pose annotations (``PoseDataset`` format)."""
from typing import List, Optional

import numpy as np


def sample_name(ann: dict, index: int) -> str:
    name = ann.get('frame_dir', ann.get('filename')) if isinstance(
        ann, dict) else None
    return f'sample {index} ({name})' if name is not None else \
        f'sample {index}'


def pose_annotation_problems(ann: dict,
                             num_classes: Optional[int] = None,
                             num_joints: Optional[int] = None) -> List[str]:
    """Everything wrong with one annotation, as readable strings.

    Checks: required keys, ``keypoint`` a float array ``[M, T, V, C]`` with
    ``C`` in (2, 3) and ``T == total_frames > 0``, finite coordinates,
    ``keypoint_score`` shaped ``[M, T, V]`` and finite, an integer label in
    ``[0, num_classes)``, and ``V == num_joints`` when a layout is given.
    """
    if not isinstance(ann, dict):
        return [f'annotation is a {type(ann).__name__}, not a dict']
    problems = []
    missing = [
        k for k in ('label', 'total_frames', 'keypoint') if k not in ann
    ]
    if 'frame_dir' not in ann and 'filename' not in ann:
        missing.insert(0, 'frame_dir')
    if missing:
        return [f'missing keys {missing}']
    kp = ann['keypoint']
    if not isinstance(kp, np.ndarray):
        return [f'keypoint is a {type(kp).__name__}, not a numpy array']
    if kp.ndim != 4:
        return [
            f'keypoint has rank {kp.ndim} (shape {kp.shape}); expected '
            '[persons, frames, joints, coords]'
        ]
    m, t, v, c = kp.shape
    if c not in (2, 3):
        problems.append(f'keypoint has {c} coordinates per joint; expected '
                        '2 or 3')
    if num_joints is not None and v != num_joints:
        problems.append(f'keypoint has {v} joints; the layout has '
                        f'{num_joints}')
    total = ann['total_frames']
    if not isinstance(total, (int, np.integer)) or total <= 0:
        problems.append(f'total_frames is {total!r}; expected a positive int')
    elif t != total:
        problems.append(f'keypoint has {t} frames but total_frames is '
                        f'{total}')
    if m == 0 or t == 0:
        problems.append(f'keypoint is empty (shape {kp.shape})')
    if not np.issubdtype(kp.dtype, np.floating):
        problems.append(f'keypoint dtype is {kp.dtype}; expected float')
    elif not np.isfinite(kp).all():
        bad = np.argwhere(~np.isfinite(kp).all(axis=-1))
        problems.append(f'keypoint has {len(bad)} NaN/inf joint entries, '
                        f'first at [person, frame, joint] = '
                        f'{bad[0].tolist()}')
    score = ann.get('keypoint_score')
    if score is not None:
        if not isinstance(score, np.ndarray) or score.shape != kp.shape[:3]:
            shape = getattr(score, 'shape', type(score).__name__)
            problems.append(f'keypoint_score has shape {shape}; expected '
                            f'{kp.shape[:3]}')
        elif not np.isfinite(score).all():
            problems.append('keypoint_score has NaN/inf values')
    label = ann['label']
    if not isinstance(label, (int, np.integer)) or isinstance(label, bool):
        problems.append(f'label is {label!r}; expected an int')
    elif label < 0 or (num_classes is not None and label >= num_classes):
        problems.append(
            f'label {label} is outside [0, {num_classes})'
            if num_classes is not None else f'label {label} is negative')
    return problems
