"""Test a checkpoint; the flags are MMAction2's ``tools/test.py`` flags.

    python tools/test.py CONFIG CHECKPOINT [--work-dir DIR] [--dump PKL]
        [--cfg-options k=v ...] [--show-dir DIR] [--launcher pytorch]
        [--corruption LEVEL]

``--corruption`` (mmfine's addition) sets the test pipeline's
``TemporalCorruption`` to a level name (minor, moderate, severe) or a
ratio, e.g. to test one FineTec checkpoint at every level.
"""
import argparse
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.logging import print_log

from mmfine.apis.corruption_study import at_level
from mmfine.structures import LEVELS, resolve_ratio
from mmfine.utils import load_config
from mmfine.utils.cli import (add_runner_args, apply_runner_args, build_runner,
                              close_distributed, parse_runner_args)


def parse_args():
    parser = argparse.ArgumentParser(
        description='Test (and evaluate) an action recognizer')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument(
        '--dump', type=str, help='dump predictions to this pickle file')
    parser.add_argument(
        '--show-dir', help='save visualised predictions in this folder')
    parser.add_argument(
        '--show', action='store_true', help='show predictions in a window')
    parser.add_argument(
        '--interval', type=int, default=1, help='visualise every n-th sample')
    parser.add_argument(
        '--wait-time',
        type=float,
        default=2,
        help='seconds each shown prediction stays')
    parser.add_argument(
        '--corruption',
        help='test at this temporal-corruption level: '
        'minor, moderate, severe or a ratio in [0, 1)')
    add_runner_args(parser)
    return parse_runner_args(parser)


def drop_missing_completion_files(cfg):
    """A trained FineTec checkpoint holds its completion and the bank:
    testing it does not need the completion checkpoint and bank file its
    config names, which may be absent where the checkpoint was copied to."""
    model = cfg.get('model', {})
    path = model.get('completion_checkpoint')
    if path and '://' not in path and not osp.exists(path):
        print_log(f'{path} not found: the completion comes from the '
                  'checkpoint under test', logger='current')
        model['completion_checkpoint'] = None
    completion = model.get('completion') or {}
    bank = completion.get('bank_file')
    if bank and not osp.exists(bank):
        print_log(f'{bank} not found: the bank comes from the checkpoint '
                  'under test', logger='current')
        completion['bank_file'] = None
    return cfg


def merge_args(cfg, args):
    """Merge command-line arguments into the config, as MMAction2 does."""
    if args.show or args.show_dir:
        vis = cfg.default_hooks.setdefault('visualization',
                                           dict(type='VisualizationHook'))
        vis.update(
            enable=True,
            show=args.show,
            wait_time=args.wait_time,
            out_dir=args.show_dir,
            interval=args.interval)
    if args.dump is not None:
        if not args.dump.endswith(('.pkl', '.pickle')):
            raise ValueError(f'--dump must be a .pkl file, got {args.dump}')
        dump_metric = dict(type='DumpResults', out_file_path=args.dump)
        if isinstance(cfg.test_evaluator, (list, tuple)):
            cfg.test_evaluator = list(cfg.test_evaluator) + [dump_metric]
        else:
            cfg.test_evaluator = [cfg.test_evaluator, dump_metric]
    if args.corruption is not None:
        level = args.corruption
        if level not in LEVELS:
            level = resolve_ratio(float(level))
        at_level(cfg, level)
    cfg.load_from = args.checkpoint
    return apply_runner_args(drop_missing_completion_files(cfg), args)


def main():
    args = parse_args()
    runner = build_runner(
        merge_args(load_config(args.config, args.cfg_options), args))
    runner.test()
    close_distributed()


if __name__ == '__main__':
    main()
