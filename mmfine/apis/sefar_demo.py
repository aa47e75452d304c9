"""SeFAR's demo on generated videos: semi-supervised SeFAR against the
supervised-only baseline on the same 10% labelled subset.

Generates short 32x32 videos whose six classes differ only by motion
direction (right/left, down/up, grow/shrink: time order matters), keeps
10% of the train list labelled (stratified), trains the tiny SeFAR
(dual-level {2-2-4} sampling, fine-element reversal, EMA teacher with
Adaptive Regulation, Tube TokenMix) and the same model on the labelled
clips alone for as many iterations, tests both, and reports the teacher's
pseudo-label statistics. Confusion matrices go to the work directory.
"""
import os.path as osp
import time
from typing import Dict

from mmfine.datasets.semi_supervised_split import split_labeled
from mmfine.datasets.synthetic_motion_videos import make_motion_videos
from mmfine.utils import REPO_ROOT, atomic_write_bytes, load_config, quiet
from .demo_result import DemoResult

DATA = osp.join(REPO_ROOT, 'data', 'motion_videos')
METHODS = [
    ('supervised only', 'configs/demo/supervised_tiny_1xb8-24e_motion-'
     'videos-10pct.py'),
    ('SeFAR', 'configs/demo/sefar_tiny_1xb8-24e_motion-videos-10pct.py'),
]
STATS = ('pseudo_acc', 'teacher_conf', 'teacher_spread', 'ar_weight')


def ensure_data() -> None:
    """Generate the videos and the 10% labelled split when missing."""
    if osp.exists(osp.join(DATA, 'train_10pct_unlabeled.txt')):
        return
    print(f'generating the videos: {osp.relpath(DATA, REPO_ROOT)}')
    lists = make_motion_videos(DATA, dict(train=40, val=15))
    labeled, unlabeled = split_labeled(lists['train'], 10, seed=0)
    for name, lines in (('labeled', labeled), ('unlabeled', unlabeled)):
        atomic_write_bytes(('\n'.join(lines) + '\n').encode(),
                           osp.join(DATA, f'train_10pct_{name}.txt'))


def train_and_test(name: str, config: str, work_dir: str) -> Dict:
    """Train ``config``, test it; top-1, mean class accuracy, training
    time and the last epoch's teacher statistics (SeFAR only)."""
    from mmengine.runner import Runner
    slug = name.lower().replace(' ', '_')
    cfg = quiet(
        load_config(osp.join(REPO_ROOT, config)), osp.join(work_dir, slug))
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


def run_sefar_demo(work_dir: str) -> DemoResult:
    """Run the demo (see the module docstring).

    Args:
        work_dir (str): Where runs and confusion matrices go.

    Returns:
        DemoResult: The table (top-1, mean class accuracy, training time,
        teacher statistics per method); headline: both top-1 and their
        difference; the confusion matrices.
    """
    from rich.table import Table
    ensure_data()
    rows = {
        name: train_and_test(name, config, work_dir)
        for name, config in METHODS
    }
    table = Table(
        title='Generated motion videos, 6 classes, 10% labelled (24 clips) '
        '+ 216 unlabelled, 90 test clips',
        caption='statistics: the last epoch\'s means over the unlabelled '
        'clips')
    for column in ('method', 'top-1', 'mean class', 'train',
                   'pseudo-label acc', 'teacher conf', 'spread', 'AR weight'):
        table.add_column(
            column, justify='left' if column == 'method' else 'right')
    for name, r in rows.items():
        table.add_row(name, f"{r['top1']:.3f}", f"{r['mean']:.3f}",
                      f"{r['train_s']:.0f} s",
                      *[f'{r[k]:.3f}' if k in r else '-' for k in STATS])
    headline = {f'{n} top-1': f"{r['top1']:.3f}" for n, r in rows.items()}
    headline['SeFAR - supervised only'] = (
        f"{rows['SeFAR']['top1'] - rows['supervised only']['top1']:+.3f}")
    return DemoResult('SeFAR', table, headline, [
        osp.join(work_dir, f'confusion_matrix_{n.lower().replace(" ", "_")}'
                 '.png') for n, _ in METHODS
    ])
