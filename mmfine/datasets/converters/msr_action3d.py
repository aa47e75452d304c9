"""MSR Action3D (Li et al., CVPR-W 2010): 20 actions, 10 subjects.

Files ``real_world_coordinates/aXX_sYY_eZZ_skeleton3D.txt`` hold ``T*20``
rows ``x y z confidence`` in the ``msr_action3d_20`` joint order. The
standard protocol uses the 557 sequences of ``files_used_in_cvpr12_paper.txt``
with the cross-subject split: odd subjects train, even subjects test.
"""
import os
import os.path as osp
import re
import warnings

import numpy as np

from mmfine.structures import convert_keypoints
from .common import drop_empty_frames, pose_sample, require_dir

MSR_ACTION3D_CLASSES = [
    'high arm wave', 'horizontal arm wave', 'hammer', 'hand catch',
    'forward punch', 'high throw', 'draw x', 'draw tick', 'draw circle',
    'hand clap', 'two hand wave', 'side boxing', 'bend', 'forward kick',
    'side kick', 'jogging', 'tennis swing', 'tennis serve', 'golf swing',
    'pick up and throw'
]
NAME = re.compile(r'a(\d\d)_s(\d\d)_e(\d\d)')
STANDARD_LIST = 'files_used_in_cvpr12_paper.txt'


def read_msr_skeleton(path: str) -> np.ndarray:
    """``[T, 20, 3]`` in the ``kinect_v1_20`` order."""
    rows = np.loadtxt(path, dtype=np.float64, ndmin=2)
    if rows.shape[1] != 4 or len(rows) % 20:
        raise ValueError(f'{path}: expected T*20 rows of 4 values, got '
                         f'{rows.shape}')
    joints = rows[:, :3].reshape(-1, 20, 3)
    return convert_keypoints(joints, 'msr_action3d_20', 'kinect_v1_20')


def convert_msr_action3d(root: str, standard_only: bool = True) -> dict:
    """Convert ``root`` (holding ``real_world_coordinates/``)."""
    folder = osp.join(root, 'real_world_coordinates')
    require_dir(folder, 'MSR Action3D real_world_coordinates')
    if standard_only:
        with open(osp.join(folder, STANDARD_LIST)) as f:
            names = [line.strip() for line in f if line.strip()]
    else:
        names = sorted(f[:-len('_skeleton3D.txt')] for f in os.listdir(folder)
                       if f.endswith('_skeleton3D.txt'))
    annotations, split = [], dict(xsub_train=[], xsub_val=[])
    for name in names:
        match = NAME.fullmatch(name)
        if match is None:
            raise ValueError(f'{folder}: unexpected sequence name {name!r}')
        action, subject = int(match.group(1)), int(match.group(2))
        joints = drop_empty_frames(
            read_msr_skeleton(osp.join(folder, name + '_skeleton3D.txt')))
        if len(joints) == 0:
            warnings.warn(f'{name}: every frame is empty; skipped')
            continue
        annotations.append(pose_sample(name, action - 1, joints))
        part = 'xsub_train' if subject % 2 else 'xsub_val'
        split[part].append(name)
    return dict(
        split=split,
        annotations=annotations,
        classes=list(MSR_ACTION3D_CLASSES),
        layout='kinect_v1_20')
