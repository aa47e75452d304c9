"""The joint layouts mmfine knows, by name.

Bones follow the layout's usual source (MMAction2's ``Graph`` for COCO-17,
OpenPose-18 and NTU-25, so that graphs built from these layouts equal
MMAction2's); MediaPipe's face and hand cycles are cut to a tree.
"""
from typing import Dict, List

from .skeleton_layout import SkeletonLayout

_LAYOUTS: Dict[str, SkeletonLayout] = {}

_ALIASES = {
    'coco': 'coco17',
    'openpose': 'openpose18',
    'nturgb+d': 'ntu25',
    'h36m': 'h36m17',
    'kinect': 'kinect_v1_20',
    'mediapipe': 'mediapipe33',
    'body25': 'openpose25'
}


def register_layout(layout: SkeletonLayout) -> SkeletonLayout:
    if layout.name in _LAYOUTS:
        raise KeyError(f'layout {layout.name!r} is already registered')
    _LAYOUTS[layout.name] = layout
    return layout


def get_layout(name) -> SkeletonLayout:
    """Look a layout up by name (MMAction2's names ``coco``, ``openpose``,
    ``nturgb+d`` are accepted too); a ``SkeletonLayout`` passes through."""
    if isinstance(name, SkeletonLayout):
        return name
    key = _ALIASES.get(name, name)
    if key not in _LAYOUTS:
        raise KeyError(f'unknown skeleton layout {name!r}; known: '
                       f'{sorted(_LAYOUTS)}')
    return _LAYOUTS[key]


def list_layouts() -> List[str]:
    return sorted(_LAYOUTS)


def _sides(*parts):
    return tuple(f'{s}_{p}' for p in parts for s in ('left', 'right'))


COCO17 = register_layout(
    SkeletonLayout(
        name='coco17',
        joints=('nose', ) + _sides('eye', 'ear', 'shoulder', 'elbow', 'wrist',
                                   'hip', 'knee', 'ankle'),
        edges=((15, 13), (13, 11), (16, 14), (14, 12), (11, 5), (12, 6),
               (9, 7), (7, 5), (10, 8), (8, 6), (5, 0), (6, 0), (1, 0), (3, 1),
               (2, 0), (4, 2)),
        center=0,
        description='COCO keypoints (HRNet, RTMPose, MMAction2 Gym/NTU 2D).'))

H36M17 = register_layout(
    SkeletonLayout(
        name='h36m17',
        joints=('pelvis', 'right_hip', 'right_knee', 'right_ankle', 'left_hip',
                'left_knee', 'left_ankle', 'spine', 'thorax', 'neck', 'head',
                'left_shoulder', 'left_elbow', 'left_wrist', 'right_shoulder',
                'right_elbow', 'right_wrist'),
        edges=((1, 0), (2, 1), (3, 2), (4, 0), (5, 4), (6, 5), (7, 0), (8, 7),
               (9, 8), (10, 9), (11, 8), (12, 11), (13, 12), (14, 8), (15, 14),
               (16, 15)),
        center=0,
        description='Human3.6M 17 joints (VideoPose3D order; joint 9 is the '
        'nose/neck point).'))

KINECT_V1_20 = register_layout(
    SkeletonLayout(
        name='kinect_v1_20',
        joints=('pelvis', 'spine', 'neck', 'head', 'left_shoulder',
                'left_elbow', 'left_wrist', 'left_hand', 'right_shoulder',
                'right_elbow', 'right_wrist', 'right_hand', 'left_hip',
                'left_knee', 'left_ankle', 'left_foot', 'right_hip',
                'right_knee', 'right_ankle', 'right_foot'),
        edges=((1, 0), (2, 1), (3, 2), (4, 2), (5, 4), (6, 5), (7, 6), (8, 2),
               (9, 8), (10, 9), (11, 10), (12, 0), (13, 12), (14, 13),
               (15, 14), (16, 0), (17, 16), (18, 17), (19, 18)),
        center=2,
        description=('Kinect v1 SDK order (UTKinect, NW-UCLA); MSR Action3D '
                     'files use another order and are converted by name.')))

MSR_ACTION3D_20 = register_layout(
    SkeletonLayout(
        name='msr_action3d_20',
        joints=('left_shoulder', 'right_shoulder', 'neck', 'spine', 'left_hip',
                'right_hip', 'pelvis', 'left_elbow', 'right_elbow',
                'left_wrist', 'right_wrist', 'left_hand', 'right_hand',
                'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
                'left_foot', 'right_foot', 'head'),
        edges=((6, 3), (3, 2), (2, 19), (2, 0), (2, 1), (0, 7), (1, 8), (7, 9),
               (8, 10), (9, 11), (10, 12), (6, 4), (6, 5), (4, 13), (5, 14),
               (13, 15), (14, 16), (15, 17), (16, 18)),
        center=2,
        description=('Kinect v1 joints in the order of the MSR Action3D '
                     'skeleton files (its body_model.mat).')))

NTU25 = register_layout(
    SkeletonLayout(
        name='ntu25',
        joints=('pelvis', 'spine', 'neck', 'head', 'left_shoulder',
                'left_elbow', 'left_wrist', 'left_hand', 'right_shoulder',
                'right_elbow', 'right_wrist', 'right_hand', 'left_hip',
                'left_knee', 'left_ankle', 'left_foot', 'right_hip',
                'right_knee', 'right_ankle', 'right_foot', 'thorax',
                'left_hand_tip', 'left_thumb', 'right_hand_tip',
                'right_thumb'),
        edges=tuple(
            (i - 1, j - 1)
            for i, j in ((1, 2), (2, 21), (3, 21), (4, 3), (5, 21), (6, 5),
                         (7, 6), (8, 7), (9, 21), (10, 9), (11, 10), (12, 11),
                         (13, 1), (14, 13), (15, 14), (16, 15), (17, 1),
                         (18, 17), (19, 18), (20, 19), (22, 8), (23, 8),
                         (24, 12), (25, 12))),
        center=20,
        description='NTU RGB+D (Kinect v2) 25 joints; joint 21 is '
        'spine-shoulder.'))

OPENPOSE18 = register_layout(
    SkeletonLayout(
        name='openpose18',
        joints=('nose', 'neck', 'right_shoulder', 'right_elbow', 'right_wrist',
                'left_shoulder', 'left_elbow', 'left_wrist', 'right_hip',
                'right_knee', 'right_ankle', 'left_hip', 'left_knee',
                'left_ankle', 'right_eye', 'left_eye', 'right_ear',
                'left_ear'),
        edges=((4, 3), (3, 2), (7, 6), (6, 5), (13, 12), (12, 11), (10, 9),
               (9, 8), (11, 5), (8, 2), (5, 1), (2, 1), (0, 1), (15, 0),
               (14, 0), (17, 15), (16, 14)),
        center=1,
        description='OpenPose COCO-18 (Kinetics skeleton).'))

OPENPOSE25 = register_layout(
    SkeletonLayout(
        name='openpose25',
        joints=('nose', 'neck', 'right_shoulder', 'right_elbow', 'right_wrist',
                'left_shoulder', 'left_elbow', 'left_wrist', 'pelvis',
                'right_hip', 'right_knee', 'right_ankle', 'left_hip',
                'left_knee', 'left_ankle', 'right_eye', 'left_eye',
                'right_ear', 'left_ear', 'left_big_toe', 'left_small_toe',
                'left_heel', 'right_big_toe', 'right_small_toe', 'right_heel'),
        edges=((1, 0), (1, 2), (2, 3), (3, 4), (1, 5), (5, 6), (6, 7), (1, 8),
               (8, 9), (9, 10), (10, 11), (8, 12), (12, 13), (13, 14), (0, 15),
               (15, 17), (0, 16), (16, 18), (14, 19), (19, 20), (14, 21),
               (11, 22), (22, 23), (11, 24)),
        center=1,
        description='OpenPose BODY_25 (FSD-10 figure skating).'))

MEDIAPIPE33 = register_layout(
    SkeletonLayout(
        name='mediapipe33',
        joints=('nose', 'left_eye_inner', 'left_eye', 'left_eye_outer',
                'right_eye_inner', 'right_eye', 'right_eye_outer', 'left_ear',
                'right_ear', 'mouth_left', 'mouth_right') +
        _sides('shoulder', 'elbow', 'wrist', 'pinky', 'index', 'thumb', 'hip',
               'knee', 'ankle', 'heel', 'foot_index'),
        edges=((0, 1), (1, 2), (2, 3), (3, 7), (0, 4), (4, 5), (5, 6), (6, 8),
               (9, 0), (10, 0), (11, 0), (12, 0), (11, 13), (13, 15), (15, 17),
               (15, 19), (15, 21), (12, 14), (14, 16), (16, 18), (16, 20),
               (16, 22), (23, 11), (24, 12), (23, 25), (24, 26), (25, 27),
               (26, 28), (27, 29), (28, 30), (29, 31), (30, 32)),
        center=0,
        description='MediaPipe Pose landmarks; its connection graph cut to a '
        'tree rooted at the nose (shoulders to nose, hips to shoulders, mouth '
        'to nose).'))
