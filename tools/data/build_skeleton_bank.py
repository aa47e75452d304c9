"""Build the skeleton bank of FineTec's sequence completion from the train
split of a completion pre-training config.

    python tools/data/build_skeleton_bank.py CONFIG [--out PKL]
        [--max-windows 4096] [--passes 2] [--cfg-options ...]

The bank is written where the config's ``model.completion.bank_file``
points unless ``--out`` is given. Windows are the config's train-pipeline
clips (normalised as the model sees them) of its first person.
"""
import argparse
import os
import time

import mmfine  # noqa: F401  (compatibility fixes, registry entries)
from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope

from mmaction.registry import DATASETS
from mmfine.datasets.skeleton_bank import build_skeleton_bank
from mmfine.utils import dump_pickle_atomic


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='completion pre-training config')
    parser.add_argument('--out', help='output pickle (default: the config\'s '
                        'model.completion.bank_file)')
    parser.add_argument('--max-windows', type=int, default=4096)
    parser.add_argument('--passes', type=int, default=2,
                        help='passes over the train split (random clips)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override settings of the config')
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    completion = cfg.model.completion
    out = args.out or completion.get('bank_file')
    if not out:
        raise SystemExit('give --out or set model.completion.bank_file')
    dataset_cfg = cfg.train_dataloader.dataset
    while 'dataset' in dataset_cfg:  # RepeatDataset and other wrappers
        dataset_cfg = dataset_cfg.dataset
    dataset = DATASETS.build(dataset_cfg)
    start = time.time()
    bank = build_skeleton_bank(dataset, completion.layout,
                               completion.get('coord_dims', 2),
                               args.max_windows, args.passes, args.seed)
    if bank['num_joints'] != completion.num_joints or \
            bank['window'] != completion.get('window', 16):
        raise SystemExit(
            f"the pipeline yields {bank['window']}-frame clips of "
            f"{bank['num_joints']} joints; the completion expects "
            f"{completion.get('window', 16)} frames of "
            f'{completion.num_joints} joints')
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    dump_pickle_atomic(bank, out)
    print(f"{out}: {len(bank['windows'])} windows of {bank['window']} frames "
          f"({bank['layout']}, {bank['left_out']} clips left out) in "
          f'{time.time() - start:.1f} s')


if __name__ == '__main__':
    main()
