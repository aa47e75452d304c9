"""The motion-transferability benchmark for one or more configs in one
run: each is trained on set 1 and on set 2 and tested on both (known and
unknown contexts), once per seed. The first config is the baseline: the
end of the table gives every other config's HM difference and training
time ratio against it.

    python tools/analysis/motion_transferability.py BASELINE [CONFIG ...]
        [--work-dir work_dirs/transfer] [--seeds 0 1 2]
        [--cfg-options KEY=VALUE ...]

A config names set 1's lists in Syn-TA's naming
(``<split>_set1_{coarse,fine}.txt``, e.g. the demo configs
``configs/demo/coarse*_transfer-videos-set1.py`` or
``configs/transfer/*``). Writes ``results.json`` and
``transferability.png`` to the work directory.
"""
import argparse
import json
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.config import DictAction
from rich.console import Console

from mmfine.apis.motion_transferability import (check_same_lists,
                                                run_transferability,
                                                transfer_table)
from mmfine.utils import atomic_write_bytes, quiet_library_output
from mmfine.visualization import transfer_bars_figure


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('configs', nargs='+', help='baseline first')
    parser.add_argument('--work-dir', default='work_dirs/transfer')
    parser.add_argument('--seeds', type=int, nargs='+', default=[0])
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='merged into every config')
    return parser.parse_args(argv)


def method_name(config: str) -> str:
    return osp.splitext(osp.basename(config))[0].split('_')[0]


def main(argv=None):
    args = parse_args(argv)
    if len(set(args.configs)) != len(args.configs):
        raise SystemExit('error: a config is named twice')
    quiet_library_output()
    try:
        check_same_lists(args.configs, args.cfg_options)
    except ValueError as error:
        raise SystemExit(f'error: {error}')
    names = [method_name(c) for c in args.configs]
    if len(set(names)) != len(names):
        names = [osp.splitext(osp.basename(c))[0] for c in args.configs]
    results = {}
    for name, config in zip(names, args.configs):
        results[name] = run_transferability(config,
                                            osp.join(args.work_dir, name),
                                            args.seeds, args.cfg_options)
    summaries = {name: r['summary'] for name, r in results.items()}
    console = Console(width=160)
    console.print(transfer_table(summaries, 'Motion transferability'))
    base = summaries[names[0]]
    for name in names[1:]:
        gain = summaries[name]['HM']['mean'] - base['HM']['mean']
        ratio = summaries[name]['train_s']['mean'] / base['train_s']['mean']
        console.print(f'{name} vs {names[0]}: HM {gain:+.1f} points '
                      f"(spread over seeds {summaries[name]['HM']['std']:.1f}"
                      f" / {base['HM']['std']:.1f}); "
                      f'training time x{ratio:.2f}')
    atomic_write_bytes(
        json.dumps(results, indent=1).encode(),
        osp.join(args.work_dir, 'results.json'))
    plot = osp.join(args.work_dir, 'transferability.png')
    transfer_bars_figure(summaries, 'coarse accuracy').savefig(plot)
    print(f'results.json, transferability.png: {args.work_dir}')


if __name__ == '__main__':
    main()
