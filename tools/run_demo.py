"""The main job on the embedded data: train and test on CPU, print a table.

Generates the synthetic fine-grained skeleton dataset (COCO-17) when it is
missing, trains each demo method on it with mmengine's Runner, tests the
final model, prints top-1 and mean class accuracy, and writes a confusion
matrix per method to the work directory.

    python tools/run_demo.py [--work-dir work_dirs/demo] [--epochs N]
"""
import argparse
import os
import os.path as osp
import time

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)
from mmengine.config import Config
from mmengine.runner import Runner

from mmfine.datasets.synthetic_fine_skeleton import make_dataset
from mmfine.utils import dump_pickle_atomic

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
DATA = osp.join(ROOT, 'data', 'fine_skeleton', 'fine_skeleton_coco17.pkl')
METHODS = [
    ('ST-GCN', 'configs/demo/stgcn_1xb32-10e_fine-skeleton-coco17-2d.py'),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--work-dir', default=osp.join(ROOT, 'work_dirs',
                                                       'demo'))
    parser.add_argument('--epochs', type=int,
                        help='override the configs\' number of epochs')
    return parser.parse_args()


def ensure_data() -> None:
    if not osp.exists(DATA):
        print(f'generating the embedded dataset: {osp.relpath(DATA, ROOT)}')
        dump_pickle_atomic(make_dataset(), DATA)


def run_method(name: str, config: str, work_dir: str, epochs=None) -> dict:
    cfg = Config.fromfile(osp.join(ROOT, config))
    slug = name.lower().replace('-', '').replace(' ', '_')
    cfg.work_dir = osp.join(work_dir, slug)
    cfg.log_level = 'WARNING'
    cfg.custom_hooks = list(cfg.get('custom_hooks', [])) + [
        dict(type='ProgressBarHook')]
    plot = osp.join(work_dir, f'confusion_matrix_{slug}.png')
    cfg.test_evaluator = [
        dict(type='AccMetric'),
        dict(type='ConfusionMatrixPlot', out_file=plot)
    ]
    if epochs:
        cfg.train_cfg.max_epochs = epochs
    start = time.time()
    runner = Runner.from_cfg(cfg)
    runner.train()
    train_time = time.time() - start
    metrics = runner.test()
    return dict(method=name, top1=metrics['acc/top1'],
                mean_class=metrics['acc/mean1'], train_s=train_time,
                plot=plot)


def print_table(rows) -> None:
    from rich.console import Console
    from rich.table import Table
    table = Table(title='Fine-grained skeleton demo (synthetic COCO-17, '
                  '12 classes, test split)')
    for column in ('method', 'top-1', 'mean class acc', 'train time'):
        table.add_column(column, justify='left' if column == 'method' else
                         'right')
    for row in rows:
        table.add_row(row['method'], f"{row['top1']:.3f}",
                      f"{row['mean_class']:.3f}", f"{row['train_s']:.0f} s")
    Console().print(table)
    for row in rows:
        print(f"confusion matrix ({row['method']}): {row['plot']}")


def main():
    args = parse_args()
    os.chdir(ROOT)  # configs name their data relative to the repository
    ensure_data()
    rows = [run_method(name, config, args.work_dir, args.epochs)
            for name, config in METHODS]
    print_table(rows)


if __name__ == '__main__':
    main()
