"""The SeFAR demo on generated videos: semi-supervised SeFAR against the
supervised-only baseline on the same 10% labelled subset, on CPU.

Generates short 32x32 videos whose six classes differ only by motion
direction (right/left, down/up, grow/shrink: time order matters), keeps
10% of the train list labelled (stratified), trains the tiny SeFAR
(dual-level {2-2-4} sampling, fine-element reversal, EMA teacher with
Adaptive Regulation, Tube TokenMix) and the same model on the labelled
clips alone for as many iterations, tests both, and prints one table with
the teacher's pseudo-label statistics. Confusion matrices go to the work
directory.

    python tools/run_sefar_demo.py [--work-dir work_dirs/sefar_demo]
"""
import argparse
import os
import os.path as osp
import time

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.runner import Runner
from rich.console import Console
from rich.table import Table

from mmfine.datasets.semi_supervised_split import split_labeled
from mmfine.datasets.synthetic_motion_videos import make_motion_videos
from mmfine.utils import REPO_ROOT as ROOT
from mmfine.utils import atomic_write_bytes, load_config, quiet

DATA = osp.join(ROOT, 'data', 'motion_videos')
METHODS = [
    ('supervised only', 'configs/demo/supervised_tiny_1xb8-24e_motion-'
     'videos-10pct.py'),
    ('SeFAR', 'configs/demo/sefar_tiny_1xb8-24e_motion-videos-10pct.py'),
]
STATS = ('pseudo_acc', 'teacher_conf', 'teacher_spread', 'ar_weight')


def ensure_data() -> None:
    if osp.exists(osp.join(DATA, 'train_10pct_unlabeled.txt')):
        return
    print(f'generating the videos: {osp.relpath(DATA, ROOT)}')
    lists = make_motion_videos(DATA, dict(train=40, val=15))
    labeled, unlabeled = split_labeled(lists['train'], 10, seed=0)
    for name, lines in (('labeled', labeled), ('unlabeled', unlabeled)):
        atomic_write_bytes(('\n'.join(lines) + '\n').encode(),
                           osp.join(DATA, f'train_10pct_{name}.txt'))


def train_and_test(name: str, config: str, work_dir: str) -> dict:
    slug = name.lower().replace(' ', '_')
    cfg = quiet(load_config(osp.join(ROOT, config)), osp.join(work_dir, slug))
    cfg.test_evaluator = [
        dict(type='AccMetric'),
        dict(
            type='ConfusionMatrixPlot',
            out_file=osp.join(work_dir, f'confusion_matrix_{slug}.png'))
    ]
    start = time.time()
    runner = Runner.from_cfg(cfg)
    runner.train()
    row = dict(train_s=time.time() - start)
    hub = runner.message_hub
    for key in STATS:
        scalar = f'train/epoch_{key}'
        if scalar in hub.log_scalars:
            row[key] = hub.get_scalar(scalar).current()
    metrics = runner.test()
    row.update(top1=metrics['acc/top1'], mean=metrics['acc/mean1'])
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--work-dir', default=osp.join(ROOT, 'work_dirs', 'sefar_demo'))
    args = parser.parse_args()
    os.chdir(ROOT)
    ensure_data()
    rows = {
        name: train_and_test(name, config, args.work_dir)
        for name, config in METHODS
    }
    table = Table(title='Generated motion videos, 6 classes, 10% labelled '
                  '(24 clips) + 216 unlabelled, 90 test clips')
    for column in ('method', 'top-1', 'mean class', 'train',
                   'pseudo-label acc', 'teacher conf', 'spread', 'AR weight'):
        table.add_column(
            column, justify='left' if column == 'method' else 'right')
    for name, r in rows.items():
        table.add_row(name, f"{r['top1']:.3f}", f"{r['mean']:.3f}",
                      f"{r['train_s']:.0f} s",
                      *[f'{r[k]:.3f}' if k in r else '-' for k in STATS])
    Console(width=120).print(table)
    print('statistics: the last epoch\'s means over the unlabelled clips')
    print(f'SeFAR - supervised only, top-1: '
          f"{rows['SeFAR']['top1'] - rows['supervised only']['top1']:+.3f}")
    print(f'confusion matrices: {args.work_dir}/confusion_matrix_*.png')


if __name__ == '__main__':
    main()
