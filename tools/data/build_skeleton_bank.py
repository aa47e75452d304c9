"""Build the skeleton bank of FineTec's sequence completion from the train
split of a completion pre-training config.

    python tools/data/build_skeleton_bank.py CONFIG [--out PKL]
        [--max-windows 4096] [--passes 2] [--cfg-options ...]

The bank is written where the config's ``model.completion.bank_file``
points unless ``--out`` is given. Windows are the completion-window tiles
of the config's train-pipeline clips (normalised as the model sees them)
of its first person.
"""
import argparse
import os
import time

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.config import DictAction

from mmfine.datasets.skeleton_bank import build_skeleton_bank_from_config
from mmfine.utils import dump_pickle_atomic, load_config, quiet_library_output


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='completion pre-training config')
    parser.add_argument(
        '--out',
        help='output pickle (default: the config\'s '
        'model.completion.bank_file)')
    parser.add_argument('--max-windows', type=int, default=4096)
    parser.add_argument(
        '--passes',
        type=int,
        default=2,
        help='passes over the train split (random clips)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override settings of the config')
    return parser.parse_args()


def main():
    args = parse_args()
    quiet_library_output()
    cfg = load_config(args.config, args.cfg_options)
    out = args.out or cfg.model.completion.get('bank_file')
    if not out:
        raise SystemExit('give --out or set model.completion.bank_file')
    start = time.time()
    try:
        bank = build_skeleton_bank_from_config(cfg, args.max_windows,
                                               args.passes, args.seed)
    except ValueError as error:
        raise SystemExit(str(error))
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    dump_pickle_atomic(bank, out)
    print(f"{out}: {len(bank['windows'])} windows of {bank['window']} frames "
          f"({bank['layout']}, {bank['left_out']} clips left out) in "
          f'{time.time() - start:.1f} s')


if __name__ == '__main__':
    main()
