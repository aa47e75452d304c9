"""SeFAR's demo on generated videos: semi-supervised SeFAR against the
supervised-only baseline on the same 10% labelled subset.

Generates short 32x32 videos whose six classes are short time-symmetric
sub-motions of a travelling rectangle, with direction, speed, colour, size
and background as nuisances (``synthetic_submotion_videos``: reversing the
fine elements keeps the label, the paper's premise), keeps 10% of the
train list labelled (stratified), trains the tiny SeFAR (dual-level
{2-2-4} sampling, fine-element reversal, EMA teacher with Adaptive
Regulation, Tube TokenMix) and the same backbone and head on the labelled
clips alone, with the same labelled clips per optimizer step and the same
number of steps, tests both, and reports the teacher's pseudo-label
statistics. Confusion matrices go to the work directory.
"""
import os.path as osp
import time
from typing import Dict, List, Sequence

import numpy as np

from mmfine.datasets.semi_supervised_split import split_labeled
from mmfine.datasets.synthetic_submotion_videos import make_submotion_videos
from mmfine.utils import REPO_ROOT, atomic_write_bytes, load_config, quiet
from .demo_result import DemoResult

DATA = osp.join(REPO_ROOT, 'data', 'submotion_videos')
METHODS = [
    ('supervised only', 'configs/demo/supervised_tiny_1xb8-80e_submotion-'
     'videos-10pct.py'),
    ('SeFAR', 'configs/demo/sefar_tiny_1xb8-80e_submotion-videos-10pct.py'),
]
STATS = ('pseudo_acc', 'teacher_conf', 'teacher_spread', 'ar_weight')


def ensure_data() -> None:
    """Generate the videos and the 10% labelled split when missing."""
    if osp.exists(osp.join(DATA, 'train_10pct_unlabeled.txt')):
        return
    print(f'generating the videos: {osp.relpath(DATA, REPO_ROOT)}')
    lists = make_submotion_videos(DATA, dict(train=80, val=40))
    labeled, unlabeled = split_labeled(lists['train'], 10, seed=0)
    for name, lines in (('labeled', labeled), ('unlabeled', unlabeled)):
        atomic_write_bytes(('\n'.join(lines) + '\n').encode(),
                           osp.join(DATA, f'train_10pct_{name}.txt'))


def train_and_test(name: str, config: str, work_dir: str,
                   seed: int = 0) -> Dict:
    """Train ``config`` with ``seed``, test it; top-1, mean class accuracy,
    training time and the last epoch's teacher statistics (SeFAR only)."""
    from mmengine.runner import Runner
    slug = f"{name.lower().replace(' ', '_')}_seed{seed}"
    cfg = quiet(
        load_config(osp.join(REPO_ROOT, config)), osp.join(work_dir, slug))
    cfg.randomness = dict(seed=seed)
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


def mean_std(runs: List[Dict], key: str) -> str:
    """``mean ± std`` of ``key`` over runs (the mean alone for one run,
    ``-`` when no run has it)."""
    values = np.array([r[key] for r in runs if key in r])
    if not len(values):
        return '-'
    text = f'{values.mean():.3f}'
    return text + (f' ± {values.std():.3f}' if len(values) > 1 else '')


def run_sefar_demo(work_dir: str, seeds: Sequence[int] = (0, )) -> DemoResult:
    """Run the demo (see the module docstring).

    Args:
        work_dir (str): Where runs and confusion matrices go.
        seeds (Sequence[int]): Train both models once per seed; the table
            gives mean and spread (std) over them.

    Returns:
        DemoResult: The table (top-1, mean class accuracy, training time,
        teacher statistics per method); headline: both top-1 and their
        difference; the confusion matrices of the first seed.
    """
    from rich.table import Table
    ensure_data()
    rows = {
        name: [train_and_test(name, config, work_dir, s) for s in seeds]
        for name, config in METHODS
    }
    table = Table(
        title='Generated sub-motion videos, 6 classes, 10% labelled (48 '
        f'clips) + 432 unlabelled, 240 test clips; mean ± std over '
        f'{len(seeds)} seed(s)',
        caption='statistics: the last epoch\'s means over the unlabelled '
        'clips')
    for column in ('method', 'top-1', 'mean class', 'train',
                   'pseudo-label acc', 'teacher conf', 'spread', 'AR weight'):
        table.add_column(
            column, justify='left' if column == 'method' else 'right')
    for name, runs in rows.items():
        seconds = np.mean([r['train_s'] for r in runs])
        table.add_row(name, mean_std(runs, 'top1'), mean_std(runs, 'mean'),
                      f'{seconds:.0f} s', *[mean_std(runs, k) for k in STATS])
    headline = {f'{n} top-1': mean_std(r, 'top1') for n, r in rows.items()}
    lead = np.mean([r['top1'] for r in rows['SeFAR']]) - np.mean(
        [r['top1'] for r in rows['supervised only']])
    headline['SeFAR - supervised only'] = f'{lead:+.3f}'
    return DemoResult('SeFAR', table, headline, [
        osp.join(work_dir, f'confusion_matrix_'
                 f'{n.lower().replace(" ", "_")}_seed{seeds[0]}.png')
        for n, _ in METHODS
    ])
