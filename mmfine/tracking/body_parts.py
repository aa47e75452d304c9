"""The 14 body parts of MA-Bench's motion descriptors and the keypoints
that place them.

Each part is a chain of COCO-17 keypoints (a limb segment, or the points
whose centre it is); with MediaPipe's 33 landmarks the hands and feet use
their own landmarks, else they extend the forearm / shin:

===========  ========================================  =====================
part         COCO-17 keypoints                         MediaPipe's 33
===========  ========================================  =====================
Head         nose, eyes, ears (centre)                 same
Torso        shoulders, hips (polygon)                 same
*_Upper_Arm  shoulder - elbow (segment)                same
*_Lower_Arm  elbow - wrist (segment)                   same
*_Hand       wrist -> wrist + 0.35 (wrist - elbow)     wrist, pinky, index,
                                                       thumb (centre)
*_Upper_Leg  hip - knee (segment)                      same
*_Lower_Leg  knee - ankle (segment)                    same
*_Foot       ankle -> ankle + 0.25 (ankle - knee)      ankle, heel, foot
                                                       index (centre)
===========  ========================================  =====================

A part's region in a frame (:func:`part_region`): the pixels within
``radius`` of its segment (limbs; ``radius`` proportional to the person's
shoulder width), within ``max(radius, spread)`` of its centre (head,
hands and feet; ``spread`` the farthest of its points from the centre),
or inside the polygon of its points (torso).
"""
from typing import Dict, Optional, Tuple

import numpy as np

from mmfine.structures import get_layout

BODY_PARTS = ('Head', 'Torso', 'Left_Upper_Arm', 'Left_Lower_Arm',
              'Left_Hand', 'Right_Upper_Arm', 'Right_Lower_Arm',
              'Right_Hand', 'Left_Upper_Leg', 'Left_Lower_Leg', 'Left_Foot',
              'Right_Upper_Leg', 'Right_Lower_Leg', 'Right_Foot')
#: part -> ('centre' | 'segment' | 'polygon', COCO-17 joints)
COCO_PARTS = {
    'Head': ('centre', ('nose', 'left_eye', 'right_eye', 'left_ear',
                        'right_ear')),
    'Torso': ('polygon', ('left_shoulder', 'right_shoulder', 'right_hip',
                          'left_hip')),
}
for _side in ('left', 'right'):
    _s = _side.capitalize()
    COCO_PARTS.update({
        f'{_s}_Upper_Arm': ('segment', (f'{_side}_shoulder',
                                        f'{_side}_elbow')),
        f'{_s}_Lower_Arm': ('segment', (f'{_side}_elbow', f'{_side}_wrist')),
        f'{_s}_Upper_Leg': ('segment', (f'{_side}_hip', f'{_side}_knee')),
        f'{_s}_Lower_Leg': ('segment', (f'{_side}_knee', f'{_side}_ankle')),
    })
#: extremities: part -> (MediaPipe landmarks, (COCO joint, joint before
#: it, extension factor))
EXTREMITIES = {}
for _side in ('left', 'right'):
    _s = _side.capitalize()
    EXTREMITIES[f'{_s}_Hand'] = ((f'{_side}_wrist', f'{_side}_pinky',
                                  f'{_side}_index', f'{_side}_thumb'),
                                 (f'{_side}_wrist', f'{_side}_elbow', 0.35))
    EXTREMITIES[f'{_s}_Foot'] = ((f'{_side}_ankle', f'{_side}_heel',
                                  f'{_side}_foot_index'),
                                 (f'{_side}_ankle', f'{_side}_knee', 0.25))


def part_points(keypoints: np.ndarray,
                landmarks: Optional[np.ndarray] = None
                ) -> Dict[str, Tuple[str, np.ndarray]]:
    """``{part: (kind, points (K, 2))}`` of one person.

    Args:
        keypoints (np.ndarray): ``(17, 2)`` COCO-17 pixels.
        landmarks (np.ndarray, optional): ``(33, 2+)`` MediaPipe
            landmarks, for hands and feet.
    """
    coco = get_layout('coco17').joints
    at = {name: keypoints[i] for i, name in enumerate(coco)}
    parts = {
        name: (kind, np.stack([at[j] for j in joints]))
        for name, (kind, joints) in COCO_PARTS.items()
    }
    mp_names = get_layout('mediapipe33').joints if landmarks is not None \
        else None
    for name, (mp_joints, (end, before, factor)) in EXTREMITIES.items():
        if landmarks is not None:
            points = np.stack(
                [landmarks[mp_names.index(j), :2] for j in mp_joints])
            parts[name] = ('centre', points)
        else:
            tip = at[end] + factor * (at[end] - at[before])
            parts[name] = ('segment', np.stack([at[end], tip]))
    return {name: parts[name] for name in BODY_PARTS}


def part_region(kind: str, points: np.ndarray, radius: float,
                shape: Tuple[int, int]) -> Tuple[slice, slice, np.ndarray]:
    """Pixels of a part (module docstring). Returns the bounding box
    slices and the boolean mask inside it (empty when the part lies
    outside the frame)."""
    import cv2
    h, w = shape
    if kind == 'centre':
        centre = points.mean(0)
        radius = max(radius,
                     float(np.linalg.norm(points - centre, axis=1).max()))
        a = b = centre
    elif kind == 'segment':
        a, b = points[0], points[-1]
    elif kind != 'polygon':
        raise ValueError(f'unknown part kind {kind!r}')
    if kind == 'polygon':
        lo, hi = np.floor(points.min(0)), np.ceil(points.max(0)) + 1
    else:
        lo = np.floor(np.minimum(a, b) - radius)
        hi = np.ceil(np.maximum(a, b) + radius) + 1
    x0, y0 = np.clip(lo.astype(int), 0, [w, h])
    x1, y1 = np.clip(hi.astype(int), 0, [w, h])
    if kind == 'polygon':
        inside = np.zeros((y1 - y0, x1 - x0), np.uint8)
        corners = np.round(points - [x0, y0]).astype(np.int32)
        cv2.fillPoly(inside, [cv2.convexHull(corners)], 1)
        return slice(y0, y1), slice(x0, x1), inside.astype(bool)
    ys, xs = np.mgrid[y0:y1, x0:x1]
    pix = np.stack([xs, ys], -1).astype(np.float32)
    ab = b - a
    t = np.clip(((pix - a) @ ab) / max(float(ab @ ab), 1e-9), 0, 1)
    dist = np.linalg.norm(pix - (a + t[..., None] * ab), axis=-1)
    return slice(y0, y1), slice(x0, x1), dist <= radius
