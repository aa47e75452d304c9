"""Cross-validate score-regression configs on a small AQA set and compare
them in one table (SRCC of the pooled out-of-fold predictions, mean ± std
over seeds).

    python tools/analysis/aqa_cross_validation.py [CONFIG ...] \
        [--folds 4] [--seeds 0 1 2] [--work-dir work_dirs/aqa_cv]

Default configs: CoFInAl, the GDLT-style head and the linear regressor on
the ski-jump set (``tools/data/prepare_ski_jump.py`` first). Every config
sees the same folds and seeds. Writes ``predicted_vs_true.png`` (out-of-fold
predictions of the first seed) and ``results.json`` to the work directory;
the last line gives the first config's SRCC lead over the best other.
"""
import argparse
import json
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
from rich.console import Console
from rich.table import Table
from tqdm import tqdm

from mmfine.apis.aqa_cross_validation import cross_validate
from mmfine.utils import load_config, quiet_library_output
from mmfine.visualization import score_scatter_figure

SKI_JUMP = [
    'configs/cofinal/cofinal_kinematic_1xb8-200e_ski-jump.py',
    'configs/cofinal/gdlt_kinematic_1xb8-200e_ski-jump.py',
    'configs/cofinal/linear-regressor_kinematic_1xb8-200e_ski-jump.py',
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('configs', nargs='*', default=SKI_JUMP)
    parser.add_argument('--folds', type=int, default=4)
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--work-dir', default='work_dirs/aqa_cv')
    return parser.parse_args(argv)


def label(config: str) -> str:
    return osp.splitext(osp.basename(config))[0]


def main(argv=None):
    args = parse_args(argv)
    quiet_library_output()
    missing = [c for c in args.configs if not osp.isfile(c)]
    if missing:
        raise SystemExit(f'error: configs not found: {missing}')
    results = {}
    with tqdm(
            total=len(args.configs) * args.folds * len(args.seeds),
            unit='run',
            desc='cross-validation') as bar:
        for config in args.configs:
            try:
                results[label(config)] = cross_validate(
                    config, args.folds, args.seeds,
                    osp.join(args.work_dir, label(config)), bar.update)
            except (OSError, ValueError) as error:
                raise SystemExit(f'error: {config}: {error}')
    table = Table(title=f'{args.folds}-fold cross-validation, '
                  f'{len(args.seeds)} seed(s): SRCC of the pooled '
                  'out-of-fold predictions (mean ± std over seeds)')
    for column in ('config', 'SRCC', 'fold SRCC (Fisher z)', 'R-L2 x100',
                   'train'):
        table.add_column(column, justify='left' if column == 'config' else
                         'right')

    def stat(runs, key):
        values = np.array([r[key] for r in runs])
        return f'{values.mean():.3f} ± {values.std():.3f}'

    for name, runs in results.items():
        table.add_row(name, stat(runs, 'srcc'), stat(runs, 'fold_srcc'),
                      stat(runs, 'rl2'),
                      f"{np.mean([r['train_s'] for r in runs]):.0f} s")
    console = Console(width=max(Console().width, 120))
    console.print(table)
    score_range = load_config(
        args.configs[0]).test_dataloader.dataset.score_range
    plot = osp.join(args.work_dir, 'predicted_vs_true.png')
    score_scatter_figure(
        {n: (r[0]['pred'], r[0]['gt'])
         for n, r in results.items()},
        score_range,
        title=f'out-of-fold predictions, seed {args.seeds[0]}').savefig(plot)
    with open(osp.join(args.work_dir, 'results.json'), 'w') as f:
        json.dump(
            {
                n: [{
                    k: (v.tolist() if isinstance(v, np.ndarray) else v)
                    for k, v in r.items()
                } for r in runs]
                for n, runs in results.items()
            },
            f,
            indent=1)
    print(f'plot: {plot}')
    if len(results) > 1:
        means = {
            n: np.mean([r['srcc'] for r in v])
            for n, v in results.items()
        }
        first, *others = results
        best = max(others, key=means.get)
        print(f'{first} - {best} (best other): '
              f'{means[first] - means[best]:+.3f} SRCC')


if __name__ == '__main__':
    main()
