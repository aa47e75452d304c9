"""How well does ``extract_skeletons.py --restore`` fill lost frames on
your data? Blank detected frames on purpose, restore them with the
pre-trained completion and with linear interpolation, and compare both
with the detections.

    python tools/analysis/restore_detections.py POSE_PKL CHECKPOINT
        [--config COMPLETION_CFG] [--split val] [--ratio 0.3]
        [--mean-burst 6] [--seeds 0 1 2] [--max-gap 14] [--min-score 0.5]
        [--work-dir DIR]

POSE_PKL is a skeleton dataset from ``tools/data/extract_skeletons.py``
(videos the completion was not trained on: pass their split); CHECKPOINT
a completion pre-training checkpoint
(``configs/finetec/completion_mlp_1xb64-1k_video-poses-coco17-2d.py``).
Frames are blanked in bursts inside each video's first person's detected
span, seeded per video, identically for both restorers, and scored on the
joints detected with a score of at least ``--min-score`` (detectors place
joints they cannot see with a low score). Prints the mean
joint error in pixels per video and overall, the last line the
completion's error relative to interpolation, and writes a trajectory plot
of the most moving joint of the video with the median ratio to
``--work-dir``.
"""
import argparse
import json
import os
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
from rich.console import Console
from rich.table import Table

from mmfine.apis.skeleton_restoration import (load_completion, pooled_errors,
                                              restoration_errors)
from mmfine.datasets.transforms.detected_window import detected_frames
from mmfine.structures import get_layout
from mmfine.structures.frame_restoration import linear_interpolation
from mmfine.utils import quiet_library_output, safe_load_pickle
from mmfine.visualization import trajectory_figure


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('pose_pkl')
    parser.add_argument('checkpoint')
    parser.add_argument('--config', help='the completion config (default: '
                        'the one stored in the checkpoint)')
    parser.add_argument('--split', help='only this split of the pickle')
    parser.add_argument('--ratio', type=float, default=0.3)
    parser.add_argument('--mean-burst', type=float, default=6.0)
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument(
        '--max-gap', type=int, help='default and most: window less 2')
    parser.add_argument('--min-score', type=float, default=0.5)
    parser.add_argument(
        '--work-dir', default='work_dirs/restore_detections')
    return parser.parse_args()


def main():
    args = parse_args()
    quiet_library_output()
    data = safe_load_pickle(args.pose_pkl)
    anns = data['annotations'] if isinstance(data, dict) else data
    if args.split is not None:
        names = set(data.get('split', {}).get(args.split, ()))
        if not names:
            raise SystemExit(f'{args.pose_pkl}: no split {args.split!r}')
        anns = [a for a in anns if a['frame_dir'] in names]
    completion = load_completion(args.checkpoint, args.config)
    restorers = dict(completion=completion, interpolation=linear_interpolation)
    table = Table(title=f'Blanked {args.ratio:.0%} of detected frames in '
                  f'bursts (mean {args.mean_burst:g}), error to the '
                  'detections in px (lower is better)')
    for column in ('video', 'frames', 'completion', 'interpolation',
                   'ratio'):
        table.add_column(column, justify='left' if column == 'video'
                         else 'right')
    pooled = {name: [] for name in restorers}
    shown = []
    for ann in anns:
        results = [
            restoration_errors(ann, restorers, args.ratio, seed,
                               args.mean_burst, args.max_gap, args.min_score)
            for seed in args.seeds
        ]
        shown += [(ann, seed, result)
                  for seed, result in zip(args.seeds, results)
                  if len(result['frames'])][:1]
        flat = pooled_errors(results)
        if not len(flat['completion']):
            table.add_row(ann['frame_dir'], '0', '-', '-', '-')
            continue
        for name in restorers:
            pooled[name].append(flat[name])
        means = {k: v.mean() for k, v in flat.items()}
        table.add_row(
            ann['frame_dir'],
            str(sum(len(r['frames']) for r in results)),
            f"{means['completion']:.2f}", f"{means['interpolation']:.2f}",
            f"{means['completion'] / means['interpolation']:.2f}x")
    if not pooled['completion']:
        raise SystemExit('no frame could be blanked and restored')
    total = {k: np.concatenate(v).mean() for k, v in pooled.items()}
    ratio = total['completion'] / total['interpolation']
    table.add_row('all', '', f"{total['completion']:.2f}",
                  f"{total['interpolation']:.2f}", f'{ratio:.2f}x')
    Console(width=200).print(table)
    os.makedirs(args.work_dir, exist_ok=True)
    ratios = []
    for ann, seed, result in shown:
        errs = result['errors']
        if np.isfinite(errs['interpolation']).any():
            ratios.append((np.nanmean(errs['completion']) /
                           np.nanmean(errs['interpolation']), ann, seed,
                           result))
    ratios.sort(key=lambda r: r[0])
    _, ann, seed, result = ratios[len(ratios) // 2]
    name = ann['frame_dir']
    lost = ~detected_frames(ann)
    detected = np.where(lost[:, None, None], np.nan, result['detected'])
    motion = np.nansum(np.abs(np.diff(detected, axis=0)), (0, 2))
    confident = np.isfinite(result['errors']['interpolation']).all(0)
    joint = int(np.argmax(np.where(confident, motion, -1)))
    joint_name = get_layout(completion.layout).joints[joint]
    fig = trajectory_figure(
        detected, result['restored'], result['frames'], joint,
        f'{name}: {joint_name} (seed {seed}; grey: blanked)')
    figure = osp.join(args.work_dir, 'restored_trajectory.png')
    fig.savefig(figure)
    with open(osp.join(args.work_dir, 'restore_detections.json'), 'w') as f:
        mean_px = {k: float(v) for k, v in total.items()}
        json.dump(dict(vars(args), mean_px=mean_px, ratio=float(ratio)), f,
                  indent=1)
    print(f'figure: {figure}')
    print(f'completion / linear interpolation error: {ratio:.2f}x')


if __name__ == '__main__':
    main()
