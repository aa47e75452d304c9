"""Accuracy of the ST-GCN configs on the real skeleton datasets, short CPU
schedule, in one run.

Converts MSR Action3D, UTKinect and NW-UCLA from ``$MMFINE_SHARED_DATA``
(default ``../shared/data``) when their pickles are missing, trains each
``configs/skeleton/stgcn`` config unchanged except for the schedule (fewer
epochs, no dataset repetition, learning rate scaled to the batch with
``auto_scale_lr``), tests it with the config's 10-clip protocol and prints
one table; the last line is the accuracy relative to chance.

    python tools/analysis/benchmark_real_skeleton.py [--datasets ...]
"""
import argparse
import os
import os.path as osp
import time

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.runner import Runner

from mmfine.apis.corruption_study import short_schedule
from mmfine.datasets.converters import CONVERTERS
from mmfine.utils import (REPO_ROOT, dump_pickle_atomic, load_config, quiet,
                          quiet_library_output, shared_data_dir)

CONFIGS = osp.join(REPO_ROOT, 'configs', 'skeleton', 'stgcn')
DATASETS = {
    # name: (config, protocol, default epochs)
    'msr_action3d':
    ('stgcn_8xb16-40e_msr-action3d-xsub-3d.py', 'cross-subject', 20),
    'utkinect': ('stgcn_8xb16-40e_utkinect-xsub-3d.py', 'cross-subject', 30),
    'nw_ucla':
    ('stgcn_8xb16-40e_nw-ucla-xview-3d.py', 'cross-view (view 3)', 6),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--datasets',
        nargs='+',
        default=sorted(DATASETS),
        choices=sorted(DATASETS))
    parser.add_argument(
        '--epochs',
        type=int,
        help='epochs for every dataset (default: per '
        'dataset, see DATASETS)')
    parser.add_argument(
        '--work-dir',
        default=osp.join(REPO_ROOT, 'work_dirs', 'benchmark_real'))
    parser.add_argument('--shared-data', default=shared_data_dir())
    return parser.parse_args()


def run(name: str, args) -> dict:
    config, protocol, epochs = DATASETS[name]
    epochs = args.epochs or epochs
    ann_file = osp.join(REPO_ROOT, 'data', name, f'{name}_3d.pkl')
    if not osp.exists(ann_file):
        dump_pickle_atomic(CONVERTERS[name](osp.join(args.shared_data, name)),
                           ann_file)
    cfg = short_schedule(epochs)(load_config(osp.join(CONFIGS, config)))
    cfg = quiet(cfg, osp.join(args.work_dir, name))
    start = time.time()
    runner = Runner.from_cfg(cfg)
    runner.train()
    metrics = runner.test()
    num_classes = cfg.model.cls_head.num_classes
    return dict(
        dataset=name,
        protocol=protocol,
        epochs=epochs,
        train=len(runner.train_dataloader.dataset),
        test=len(runner.test_dataloader.dataset),
        top1=metrics['acc/top1'],
        mean_class=metrics['acc/mean1'],
        chance=1 / num_classes,
        minutes=(time.time() - start) / 60)


def main():
    args = parse_args()
    quiet_library_output()
    os.chdir(REPO_ROOT)
    rows = [run(name, args) for name in args.datasets]
    header = (f"{'dataset':<14}{'protocol':<22}{'train':>6}{'test':>6}"
              f"{'epochs':>7}{'top-1':>8}{'mean cls':>9}{'chance':>8}"
              f"{'min':>6}")
    print(header)
    print('-' * len(header))
    for r in rows:
        print(f"{r['dataset']:<14}{r['protocol']:<22}{r['train']:>6}"
              f"{r['test']:>6}{r['epochs']:>7}{r['top1']:>8.3f}"
              f"{r['mean_class']:>9.3f}{r['chance']:>8.3f}"
              f"{r['minutes']:>6.1f}")
    print('top-1 / chance: ' +
          ', '.join(f"{r['dataset']} {r['top1'] / r['chance']:.1f}x"
                    for r in rows))


if __name__ == '__main__':
    main()
