"""Convert keypoints between layouts by joint name.

A target joint is copied from the source joint of the same name, or, for the
composite joints below, averaged from the source joints that define it.
"""
from typing import List, Tuple

import numpy as np

from .layouts import get_layout

#: joints defined as the mean of others when a source layout lacks them
COMPOSITE_JOINTS = {
    'pelvis': ('left_hip', 'right_hip'),
    'neck': ('left_shoulder', 'right_shoulder'),
    'thorax': ('left_shoulder', 'right_shoulder'),
    'spine': ('left_shoulder', 'right_shoulder', 'left_hip', 'right_hip'),
    'head': ('left_ear', 'right_ear'),
    'left_hand': ('left_wrist', ),
    'right_hand': ('right_wrist', ),
    'left_foot': ('left_ankle', ),
    'right_foot': ('right_ankle', ),
}


def conversion_sources(src, dst) -> List[Tuple[int, ...]]:
    """For each joint of ``dst``, the ``src`` indices averaged to make it."""
    src, dst = get_layout(src), get_layout(dst)
    sources, missing = [], []
    for joint in dst.joints:
        if joint in src.joints:
            sources.append((src.index(joint), ))
            continue
        parts = COMPOSITE_JOINTS.get(joint)
        if parts and all(p in src.joints for p in parts):
            sources.append(tuple(src.index(p) for p in parts))
        else:
            missing.append(joint)
    if missing:
        raise ValueError(f'cannot convert {src.name} to {dst.name}: no '
                         f'source for joints {missing}')
    return sources


def convert_keypoints(keypoint: np.ndarray,
                      src,
                      dst,
                      keypoint_score: np.ndarray = None):
    """Re-order/derive joints along axis ``-2`` of ``keypoint [..., V, C]``.

    Scores of averaged joints are the minimum of their parts' scores.
    Returns ``keypoint`` or ``(keypoint, keypoint_score)``.
    """
    sources = conversion_sources(src, dst)
    n_src = get_layout(src).num_joints
    if keypoint.shape[-2] != n_src:
        raise ValueError(f'keypoint has {keypoint.shape[-2]} joints, layout '
                         f'{get_layout(src).name} has {n_src}')
    out = np.stack([keypoint[..., list(s), :].mean(axis=-2) for s in sources],
                   axis=-2)
    if keypoint_score is None:
        return out
    score = np.stack(
        [keypoint_score[..., list(s)].min(axis=-1) for s in sources], axis=-1)
    return out, score
