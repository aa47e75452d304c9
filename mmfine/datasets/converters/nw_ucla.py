"""Northwestern-UCLA Multiview Action3D (Wang et al., CVPR 2014).

``all_sqe/aXX_sYY_eZZ_vVV.json`` hold ``{file_name, skeletons[T][20][3],
label 1..10}`` (Kinect v1 order). Split: cross-view, views 1 and 2 train,
view 3 tests (the 464 samples of ``val_label.pkl``).
"""
import json
import os
import os.path as osp
import re

import numpy as np

from mmfine.utils.safe_pickle import safe_load_pickle
from .common import pose_sample, require_dir

NW_UCLA_CLASSES = [
    'pick up with one hand', 'pick up with two hands', 'drop trash',
    'walk around', 'sit down', 'stand up', 'donning', 'doffing', 'throw',
    'carry'
]
NAME = re.compile(r'a(\d\d)_s(\d\d)_e(\d\d)_v(\d\d)')


def convert_nw_ucla(root: str) -> dict:
    """Convert ``root`` (holding ``all_sqe/`` and ``val_label.pkl``)."""
    folder = osp.join(root, 'all_sqe')
    require_dir(folder, 'NW-UCLA all_sqe')
    val_names = {
        item['file_name']
        for item in safe_load_pickle(osp.join(root, 'val_label.pkl'))
    }
    annotations, split = [], dict(xview_train=[], xview_val=[])
    for file in sorted(os.listdir(folder)):
        if not file.endswith('.json'):
            continue
        with open(osp.join(folder, file)) as f:
            item = json.load(f)
        name = item['file_name']
        match = NAME.fullmatch(name)
        if match is None:
            raise ValueError(f'{file}: unexpected sequence name {name!r}')
        joints = np.asarray(item['skeletons'], dtype=np.float32)
        if joints.ndim != 3 or joints.shape[1:] != (20, 3):
            raise ValueError(f'{file}: skeletons have shape {joints.shape}')
        view = int(match.group(4))
        in_val = name in val_names
        if in_val != (view == 3):
            raise ValueError(f'{name}: val_label.pkl disagrees with view '
                             f'{view} being the test view')
        annotations.append(pose_sample(name, item['label'] - 1, joints))
        split['xview_val' if in_val else 'xview_train'].append(name)
    return dict(
        split=split,
        annotations=annotations,
        classes=list(NW_UCLA_CLASSES),
        layout='kinect_v1_20')
