"""UTKinect-Action3D (Xia et al., CVPR-W 2012): 10 actions, 10 subjects.

``joints/joints_sXX_eYY.txt`` rows are ``frame_id`` + 20x3 coordinates
(Kinect v1 order); ``joints/actionLabel.txt`` gives each action's first and
last frame id per sequence (one segment is ``NaN``: 199 labelled segments).
Split: cross-subject, odd subjects train, even subjects test.
"""
import os.path as osp
import re

import numpy as np

from .common import drop_empty_frames, pose_sample, require_dir

UTKINECT_CLASSES = [
    'walk', 'sit down', 'stand up', 'pick up', 'carry', 'throw', 'push',
    'pull', 'wave hands', 'clap hands'
]
_LABEL_KEYS = [
    'walk', 'sitDown', 'standUp', 'pickUp', 'carry', 'throw', 'push', 'pull',
    'waveHands', 'clapHands'
]
SEQUENCE = re.compile(r's(\d\d)_e(\d\d)')


def read_segments(path: str) -> dict:
    """``{sequence: [(label, first_frame_id, last_frame_id) | None, ...]}``."""
    segments, current = {}, None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if SEQUENCE.fullmatch(line):
                current = line
                segments[current] = []
                continue
            key, _, span = line.partition(':')
            if current is None or key.strip() not in _LABEL_KEYS:
                raise ValueError(f'{path}: cannot parse line {line!r}')
            values = span.split()
            label = _LABEL_KEYS.index(key.strip())
            if 'NaN' in values:
                segments[current].append((label, None, None))
            else:
                segments[current].append(
                    (label, int(values[0]), int(values[1])))
    return segments


def convert_utkinect(root: str, label_file: str = 'actionLabel.txt') -> dict:
    """Convert ``root`` (holding ``joints/``)."""
    folder = osp.join(root, 'joints')
    require_dir(folder, 'UTKinect joints')
    annotations, split = [], dict(xsub_train=[], xsub_val=[])
    for seq, segs in read_segments(osp.join(folder, label_file)).items():
        rows = np.loadtxt(osp.join(folder, f'joints_{seq}.txt'), ndmin=2)
        if rows.shape[1] != 61:
            raise ValueError(f'joints_{seq}.txt: expected 61 columns, got '
                             f'{rows.shape[1]}')
        frame_ids = rows[:, 0].astype(int)
        subject = int(SEQUENCE.fullmatch(seq).group(1))
        for label, first, last in segs:
            if first is None:
                continue  # an unlabelled segment in the original release
            keep = (frame_ids >= first) & (frame_ids <= last)
            joints = drop_empty_frames(rows[keep, 1:].reshape(-1, 20, 3))
            if len(joints) < 2:
                raise ValueError(f'{seq} {_LABEL_KEYS[label]}: frames '
                                 f'{first}-{last} hold {len(joints)} frames')
            name = f'{seq}_{_LABEL_KEYS[label]}'
            annotations.append(pose_sample(name, label, joints))
            split['xsub_train' if subject % 2 else 'xsub_val'].append(name)
    return dict(
        split=split,
        annotations=annotations,
        classes=list(UTKINECT_CLASSES),
        layout='kinect_v1_20')
