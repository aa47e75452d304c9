"""Ski jumping with judges' style scores (SkiProject-SportTech release):
32 jumps with 2D keypoints, scored by five judges.

``annotations/annotations_interpolated_jump<N>.coco.json`` is a COCO
keypoint file per jump: one ``skier`` per annotated frame, 23 keypoints
(15 body joints, 8 ski points) named ``'1'`` .. ``'23'`` in the
category's own order, 1280x720 frames. ``JP_data.csv`` holds the
competition record of jump ``JP00NN`` (= ``jump<N>``): the five judges'
style marks ``AthleteJdgA`` .. ``E`` (0-20 each), the distance and the
total. The style score is the FIS rule: the sum of the three middle marks
(0-60).

A sample keeps the annotated frames in time order (the release skips
frames, e.g. at camera cuts; ``frame_inds`` records the original frame
numbers), keypoints reordered to ``'1'`` .. ``'23'``. A keypoint with
visibility 0 (16 of 225,354) has score 0 and keeps its coordinates (in
this release they are real positions, e.g. a ski tip at the frame's
edge). Folds for cross-validation are stratified by style score: the jumps
sorted by score form groups of K, and each group sends one jump to each
fold in a seeded random order.
"""
import csv
import glob
import json
import os.path as osp
import re
from typing import Dict, List

import numpy as np

from .common import require_dir

SKI_JUMP_KEYPOINTS = [str(i) for i in range(1, 24)]
JUMP_FILE = re.compile(r'annotations_interpolated_jump(\d+)\.coco\.json$')


def style_score(marks: List[float]) -> float:
    """The FIS style score: five judges' marks without the highest and
    the lowest, summed."""
    if len(marks) != 5:
        raise ValueError(f'expected five judges\' marks, got {marks}')
    return float(sum(sorted(marks)[1:4]))


def read_jump_records(path: str) -> Dict[str, dict]:
    """``{ID: {style, judges, distance, total, gender}}`` from
    ``JP_data.csv`` (rows without five numeric marks are left out)."""
    records = {}
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            try:
                marks = [float(row[f'AthleteJdg{j}']) for j in 'ABCDE']
            except (KeyError, TypeError, ValueError):
                continue
            records[row['ID']] = dict(
                style=style_score(marks),
                judges=marks,
                distance=float(row['AthleteDistance']),
                total=float(row['AthleteScore']),
                gender=row['AthleteGender'])
    return records


def read_jump(path: str) -> dict:
    """Keypoints ``(T, 23, 2)``, scores ``(T, 23)``, frame numbers and
    image shape of one COCO file (one skier per frame)."""
    with open(path) as f:
        coco = json.load(f)
    skier = [c for c in coco['categories'] if c.get('keypoints')]
    if len(skier) != 1 or len(skier[0]['keypoints']) != 23:
        raise ValueError(f'{path}: expected one category with 23 keypoints')
    order = [skier[0]['keypoints'].index(k) for k in SKI_JUMP_KEYPOINTS]
    frames = {}
    for image in coco['images']:
        name = image.get('extra', {}).get('name', image['file_name'])
        frames[image['id']] = (int(re.match(r'\d+', name).group()),
                               (image['height'], image['width']))
    by_frame = {}
    for ann in coco['annotations']:
        frame = frames[ann['image_id']][0]
        if frame in by_frame:
            raise ValueError(f'{path}: two skiers in frame {frame}')
        by_frame[frame] = np.asarray(ann['keypoints'],
                                     np.float32).reshape(23, 3)[order]
    if len(by_frame) < 2:
        raise ValueError(f'{path}: {len(by_frame)} annotated frames')
    frame_inds = np.array(sorted(by_frame))
    points = np.stack([by_frame[i] for i in frame_inds])
    keypoint, score = points[..., :2], points[..., 2] > 0
    shapes = {shape for _, shape in frames.values()}
    if len(shapes) != 1:
        raise ValueError(f'{path}: frames of several sizes {shapes}')
    return dict(
        keypoint=keypoint,
        keypoint_score=score.astype(np.float32),
        frame_inds=frame_inds,
        img_shape=shapes.pop())


def convert_ski_jump(root: str, num_folds: int = 4, seed: int = 0) -> dict:
    """Convert ``root`` (``annotations/`` and ``JP_data.csv``) into a
    ``PoseDataset`` dict whose annotations carry ``score`` (style),
    ``judges``, ``distance`` and ``total``; splits ``fold0`` ..
    ``fold<K-1>`` (stratified by style score, ``seed`` orders each
    group) and ``all``."""
    require_dir(osp.join(root, 'annotations'), 'ski-jump annotations')
    records = read_jump_records(osp.join(root, 'JP_data.csv'))
    annotations = []
    paths = sorted(glob.glob(osp.join(root, 'annotations', '*.json')))
    for path in paths:
        match = JUMP_FILE.search(osp.basename(path))
        if match is None:
            continue
        name = f'JP{int(match.group(1)):04d}'
        if name not in records:
            raise ValueError(f'{path}: no judges\' marks for {name} in '
                             'JP_data.csv')
        jump = read_jump(path)
        record = records[name]
        annotations.append(
            dict(
                frame_dir=name,
                label=0,
                img_shape=jump['img_shape'],
                original_shape=jump['img_shape'],
                total_frames=len(jump['keypoint']),
                keypoint=jump['keypoint'][None],
                keypoint_score=jump['keypoint_score'][None],
                frame_inds=jump['frame_inds'],
                score=record['style'],
                judges=np.array(record['judges'], np.float32),
                distance=record['distance'],
                total=record['total']))
    if len(annotations) < num_folds:
        raise ValueError(f'{root}: {len(annotations)} jumps for '
                         f'{num_folds} folds')
    ranked = sorted(annotations, key=lambda a: (a['score'], a['frame_dir']))
    rng = np.random.default_rng(seed)
    split = {f'fold{k}': [] for k in range(num_folds)}
    for start in range(0, len(ranked), num_folds):
        group = ranked[start:start + num_folds]
        for k, ann in zip(rng.permutation(num_folds), group):
            split[f'fold{k}'].append(ann['frame_dir'])
    split['all'] = [a['frame_dir'] for a in annotations]
    return dict(
        split=split,
        annotations=annotations,
        classes=['ski jump'],
        layout='ski_jump23')
