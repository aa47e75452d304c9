"""Accuracy under temporal corruption on a real skeleton dataset: FineTec
against ST-GCN, short CPU schedule, in one run.

Converts the dataset from ``$MMFINE_SHARED_DATA`` (default
``../shared/data``) when its pickle is missing, builds the skeleton bank
from its train split, pre-trains the sequence completion, trains ST-GCN and
FineTec with the configs of ``configs/finetec`` at the training level
(unchanged except for the schedule), tests both at minor / moderate /
severe corruption on the same corrupted clips, and prints one table; the
last line is FineTec's top-1 minus ST-GCN's per level. A plot of accuracy
against corruption is written to the work directory.

    python tools/analysis/benchmark_finetec_real.py [--dataset nw_ucla]
        [--train-level moderate] [--epochs N] [--completion-iters N]
"""
import argparse
import os
import os.path as osp

import mmfine  # noqa: F401
from rich.console import Console
from rich.table import Table

from benchmark_real_skeleton import DATASETS, ROOT, short_schedule
from mmfine.apis import corruption_study
from mmfine.structures import LEVELS
from mmfine.utils import dump_pickle_atomic
from mmfine.visualization import accuracy_curve_figure

CONFIGS = {  # dataset: config stem, default epochs
    'msr_action3d': ('msr-action3d-xsub-3d', 30),
    'utkinect': ('utkinect-xsub-3d', 40),
    'nw_ucla': ('nw-ucla-xview-3d', 8),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--dataset', default='nw_ucla', choices=CONFIGS)
    parser.add_argument('--train-level', default='moderate', choices=LEVELS)
    parser.add_argument('--epochs', type=int,
                        help='recognizer epochs (default: per dataset)')
    parser.add_argument('--completion-iters', type=int, default=1500)
    parser.add_argument('--work-dir', default=osp.join(
        ROOT, 'work_dirs', 'benchmark_finetec_real'))
    parser.add_argument('--shared-data', default=os.environ.get(
        'MMFINE_SHARED_DATA', osp.join(osp.dirname(ROOT), 'shared', 'data')))
    return parser.parse_args()


def completion_schedule(iters: int, work_dir: str):
    def customize(cfg):
        cfg.model.completion.bank_file = osp.join(work_dir, 'bank.pkl')
        cfg.train_cfg.max_iters = iters
        cfg.optim_wrapper.optimizer.lr = 1e-3  # short: the demo's rate
        cfg.train_cfg.val_interval = iters
        cfg.default_hooks.checkpoint.interval = iters
        for scheduler in cfg.param_scheduler:
            scheduler.T_max = iters
        return cfg
    return customize


def recognizer_schedule(epochs: int, completion: str):
    def customize(cfg):
        cfg = short_schedule(cfg, epochs)
        if 'completion_checkpoint' in cfg.model:
            cfg.model.completion_checkpoint = completion
        return cfg
    return customize


def main():
    args = parse_args()
    os.chdir(ROOT)
    stem, default_epochs = CONFIGS[args.dataset]
    epochs = args.epochs or default_epochs
    converter = DATASETS[args.dataset][0]
    ann_file = osp.join('data', args.dataset, f'{args.dataset}_3d.pkl')
    if not osp.exists(ann_file):
        dump_pickle_atomic(converter(osp.join(args.shared_data,
                                              args.dataset)), ann_file)
    work_dir = osp.join(args.work_dir, args.dataset)
    completion = corruption_study.ensure_completion(
        f'configs/finetec/completion_mlp_1xb64-10k_{stem}.py',
        osp.join(work_dir, 'completion'),
        completion_schedule(args.completion_iters, work_dir))
    rows = {}
    for name, model in (('ST-GCN', 'stgcn'), ('FineTec', 'finetec_stgcn')):
        rows[name] = corruption_study.train_and_test(
            f'configs/finetec/{model}_8xb16-40e_{stem}-{args.train_level}.py',
            osp.join(work_dir, model), list(LEVELS),
            recognizer_schedule(epochs, completion))
    table = Table(title=f'{args.dataset} ({stem}), trained at '
                  f'{args.train_level}, {epochs} epochs, completion '
                  f'{args.completion_iters} iterations')
    table.add_column('level')
    for name in rows:
        table.add_column(f'{name} top-1', justify='right')
        table.add_column(f'{name} mean', justify='right')
    for level, ratio in LEVELS.items():
        table.add_row(f'{level} ({ratio:.0%})', *[
            f'{v:.3f}' for name in rows for v in rows[name][level]])
    Console(width=120).print(table)
    print('train time: ' + ', '.join(f"{n} {r['train_s'] / 60:.1f} min"
                                     for n, r in rows.items()))
    print('FineTec - ST-GCN top-1: ' + ', '.join(
        f"{level} {rows['FineTec'][level][0] - rows['ST-GCN'][level][0]:+.3f}"
        for level in LEVELS))
    figure = accuracy_curve_figure(
        list(LEVELS.values()),
        {n: [r[level][0] for level in LEVELS] for n, r in rows.items()})
    path = osp.join(work_dir, 'accuracy_vs_corruption.png')
    figure.savefig(path)
    print(f'accuracy against corruption: {path}')


if __name__ == '__main__':
    main()
