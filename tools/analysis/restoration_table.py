"""FineTec Table 3 in one command: MPJPE, N-MPJPE and MPJVE of the
sequence completion and the simple baselines at each corruption level.

    python tools/analysis/restoration_table.py CONFIG CHECKPOINT
        [--levels minor moderate severe] [--work-dir DIR]
        [--cfg-options KEY=VALUE ...]

CONFIG is a completion config (configs/finetec/completion_*); CHECKPOINT
its pre-trained weights. The last line is the completion's MPJPE relative
to linear interpolation at each level.
"""
import argparse

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.config import DictAction
from rich.console import Console
from rich.table import Table

from mmfine.apis import RESTORER_NAMES, evaluate_restorers
from mmfine.structures import LEVELS
from mmfine.utils import quiet_library_output

METRICS = ('MPJPE', 'N-MPJPE', 'MPJVE')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument(
        '--levels', nargs='+', default=list(LEVELS), choices=list(LEVELS))
    parser.add_argument('--work-dir', default='work_dirs/restoration_table')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override settings of the config')
    return parser.parse_args()


def main():
    args = parse_args()
    quiet_library_output()
    results = evaluate_restorers(args.config, args.checkpoint,
                                 list(RESTORER_NAMES), args.levels,
                                 args.work_dir, args.cfg_options)
    table = Table(title='Skeleton restoration (lower is better)')
    table.add_column('method')
    for level in args.levels:
        for metric in METRICS:
            table.add_column(f'{level} {metric}', justify='right')
    for restorer, name in RESTORER_NAMES.items():
        table.add_row(
            name, *[
                f"{results[restorer, level][f'restore/{m}']:.4f}"
                for level in args.levels for m in METRICS
            ])
    Console(width=240).print(table)
    print('completion / linear interpolation MPJPE: ' + ', '.join(
        f"{level} {results['completion', level]['restore/MPJPE'] / results['linear_interpolation', level]['restore/MPJPE']:.2f}x"  # noqa: E501
        for level in args.levels))


if __name__ == '__main__':
    main()
