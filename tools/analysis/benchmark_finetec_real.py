"""Accuracy under temporal corruption on a real skeleton dataset: FineTec
against ST-GCN and ST-GCN on linearly interpolated input, short CPU
schedule, over several seeds, in one run.

With ``--dataset`` (msr_action3d, utkinect, nw_ucla) the dataset is
converted from ``$MMFINE_SHARED_DATA`` (default ``../shared/data``) when its
pickle is missing and the configs of ``configs/finetec`` are used; with
``--stgcn``, ``--finetec`` and ``--completion`` any configs are (your own
dataset and layout). The skeleton bank is built from the train split, the
completion pre-trained once, then each recognizer is trained at the
training level once per seed (configs unchanged except for the schedule)
and tested at minor / moderate / severe corruption on the same corrupted
samples (dropped once per sample, identical for every method). The table
gives mean ± std over the seeds; the last line is FineTec's top-1 minus the
better baseline's per level. A plot of accuracy against corruption is
written to the work directory.

    python tools/analysis/benchmark_finetec_real.py [--dataset nw_ucla]
        [--seeds 0 1 2] [--train-level moderate] [--epochs N]
        [--completion-iters N] [--cfg-options clip_len=48 ...]
        [--completion-cfg-options model.completion.num_blocks=48 ...]
        [--ablate LABEL KEY=VALUE ... [--ablate ...]] [--no-baselines]
    python tools/analysis/benchmark_finetec_real.py --stgcn CFG \
        --finetec CFG --completion CFG [--name mydata] ...
"""
import argparse
import os
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
from mmengine.config import DictAction
from rich.console import Console
from rich.table import Table

from mmfine.apis import corruption_study as study
from mmfine.datasets.converters import CONVERTERS
from mmfine.structures import LEVELS
from mmfine.utils import (REPO_ROOT, apply_skeleton_settings,
                          dump_pickle_atomic, load_config,
                          quiet_library_output, shared_data_dir)
from mmfine.visualization import accuracy_curve_figure

BUILT_IN = {  # dataset: config stem, default epochs
    'msr_action3d': ('msr-action3d-xsub-3d', 30),
    'utkinect': ('utkinect-xsub-3d', 40),
    'nw_ucla': ('nw-ucla-xview-3d', 8),
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--dataset',
        choices=BUILT_IN,
        help='a built-in real dataset (default: nw_ucla '
        'unless --stgcn/--finetec/--completion are given)')
    parser.add_argument('--stgcn', help='ST-GCN config (custom dataset)')
    parser.add_argument('--finetec', help='FineTec config (custom dataset)')
    parser.add_argument(
        '--completion', help='completion pre-training config (custom)')
    parser.add_argument(
        '--name', default='custom', help='work sub-directory of a custom run')
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--train-level', default='moderate', choices=LEVELS)
    parser.add_argument(
        '--epochs',
        type=int,
        help='recognizer epochs (default: per dataset, 10 '
        'for a custom one)')
    parser.add_argument('--completion-iters', type=int, default=1500)
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        default={},
        help='recognizer config overrides, e.g. clip_len=48 (top-level '
        'skeleton settings are applied as tools/train.py does; clip_len '
        'also sets the clips the completion is pre-trained on)')
    parser.add_argument(
        '--completion-cfg-options',
        nargs='+',
        action=DictAction,
        default={},
        help='completion config overrides, e.g. '
        'model.completion.num_blocks=48 (pre-trained in a directory of its '
        'own)')
    parser.add_argument(
        '--ablate',
        nargs='+',
        action='append',
        default=[],
        metavar='LABEL KEY=VALUE',
        help='a FineTec variant: its label, then config overrides, e.g. '
        '--ablate held-gate model.physics.loss_trains_gate=False; '
        'repeatable, one row each')
    parser.add_argument(
        '--no-baselines',
        action='store_true',
        help='train FineTec and its --ablate variants only')
    parser.add_argument(
        '--work-dir',
        default=osp.join(REPO_ROOT, 'work_dirs', 'benchmark_finetec_real'))
    parser.add_argument('--shared-data', default=shared_data_dir())
    args = parser.parse_args()
    custom = (args.stgcn, args.finetec, args.completion)
    if any(custom) and not all(custom):
        parser.error('a custom run needs --stgcn, --finetec and --completion')
    if any(custom) and args.dataset:
        parser.error('give --dataset or the three configs, not both')
    for variant in args.ablate:
        if len(variant) < 2 or '=' in variant[0]:
            parser.error('--ablate needs a label, then KEY=VALUE overrides')
    return args


def options_dir_name(stem, options):
    """``stem``, or ``stem_<key>-<value>_...`` for a run with config
    ``options`` (a completion pre-trained, or a recognizer trained, with
    other options never shares a directory with the default one)."""
    return '_'.join([stem] + [
        f"{key.rsplit('.', 1)[-1]}-{value}"
        for key, value in sorted(options.items())
    ])


def matched_clip_len(completion_cfg, finetec_cfg, cfg_options):
    """``{'clip_len': L}`` when FineTec's clips (its config with
    ``cfg_options``) are not those of the completion config, so that the
    completion is pre-trained at the frame rate it restores; else ``{}``."""
    clip_len = load_config(finetec_cfg, cfg_options).get('clip_len')
    if clip_len is None or clip_len == load_config(completion_cfg).get(
            'clip_len'):
        return {}
    return dict(clip_len=clip_len)


def run_dir_name(label, cfg_options, completion_cfg_options):
    """The directory of a method's runs: its label and options (a FineTec
    run on another completion never shares one with the default)."""
    name = options_dir_name(
        label.lower().replace('-', '').replace('+', '_').replace(' ', '_'),
        cfg_options)
    if label.startswith('FineTec') and completion_cfg_options:
        name += '_' + options_dir_name('completion', completion_cfg_options)
    return name


def overrides(items):
    """``KEY=VALUE`` strings -> a dict, parsed as ``--cfg-options`` are."""
    namespace = argparse.Namespace()
    DictAction(option_strings=[], dest='options')(None, namespace, items)
    return namespace.options


def configs(args):
    """``(name, completion config, {method: config}, epochs)``."""
    if args.stgcn:
        return (args.name, args.completion,
                dict(stgcn=args.stgcn, finetec=args.finetec), args.epochs
                or 10)
    name = args.dataset or 'nw_ucla'
    stem, epochs = BUILT_IN[name]
    ann_file = osp.join('data', name, f'{name}_3d.pkl')
    if not osp.exists(ann_file):
        dump_pickle_atomic(CONVERTERS[name](osp.join(args.shared_data, name)),
                           ann_file)
    level = args.train_level
    return (name, f'configs/finetec/completion_mlp_1xb64-10k_{stem}.py',
            dict(
                stgcn=f'configs/finetec/stgcn_8xb16-40e_{stem}-{level}.py',
                finetec='configs/finetec/finetec_stgcn_8xb16-40e_'
                f'{stem}-{level}.py'), args.epochs or epochs)


def main():
    args = parse_args()
    quiet_library_output()
    os.chdir(REPO_ROOT)
    name, completion_cfg, method_cfgs, epochs = configs(args)
    work_dir = osp.join(args.work_dir, name)
    completion_options = dict(
        matched_clip_len(completion_cfg, method_cfgs['finetec'],
                         args.cfg_options), **args.completion_cfg_options)
    # a bank of its own for other completion options (window, layout)
    bank = options_dir_name('bank', completion_options) + '.pkl'
    pretraining = study.short_pretraining(args.completion_iters,
                                          osp.join(work_dir, bank))

    def completion_customize(cfg):
        cfg.merge_from_dict(completion_options)
        return pretraining(apply_skeleton_settings(cfg))

    completion = study.ensure_completion(
        completion_cfg,
        osp.join(work_dir, options_dir_name('completion', completion_options)),
        completion_customize)
    baselines = [] if args.no_baselines else [
        ('ST-GCN', method_cfgs['stgcn'], None, {}),
        ('ST-GCN+interp', method_cfgs['stgcn'], study.with_restorer, {})
    ]
    methods = baselines + [('FineTec', method_cfgs['finetec'], None, {})] + [
        (f'FineTec {label}', method_cfgs['finetec'], None,
         overrides(items)) for label, *items in args.ablate
    ]
    levels = [0.0] + list(LEVELS)  # clean input, then each level
    rows = {}
    for label, config, extra, options in methods:
        rows[label] = []
        for seed in args.seeds:
            schedule = study.short_schedule(epochs, seed, completion)

            def customize(cfg, schedule=schedule, extra=extra,
                          options=options):
                cfg.merge_from_dict(dict(args.cfg_options, **options))
                cfg = schedule(apply_skeleton_settings(cfg))
                return extra(cfg) if extra else cfg

            slug = run_dir_name(label, args.cfg_options,
                                args.completion_cfg_options)
            rows[label].append(
                study.train_and_test(config,
                                     osp.join(work_dir, slug, f'seed{seed}'),
                                     levels, customize))
    top1 = {
        label: {
            level: np.array([r[level][0] for r in runs])
            for level in levels
        }
        for label, runs in rows.items()
    }
    table = Table(title=f'{name}: trained at {args.train_level}, {epochs} '
                  f'epochs, completion {args.completion_iters} iterations, '
                  f'top-1 mean ± std over seeds {args.seeds}')
    table.add_column('level')
    for label in rows:
        table.add_column(f'{label} top-1', justify='right')
    for level in levels:
        ratio = LEVELS.get(level, level)
        table.add_row(
            f'{level or "clean"} ({ratio:.0%})', *[
                f'{top1[label][level].mean():.3f} '
                f'± {top1[label][level].std():.3f}' for label in rows
            ])
    Console(width=160).print(table)
    print('train time per run: ' +
          ', '.join(f"{n} {np.mean([r['train_s'] for r in runs]) / 60:.1f} min"
                    for n, runs in rows.items()))
    figure = accuracy_curve_figure(
        [LEVELS.get(level, level) for level in levels],
        {n: [top1[n][level].mean() for level in levels]
         for n in rows})
    path = osp.join(work_dir, 'accuracy_vs_corruption.png')
    figure.savefig(path)
    print(f'accuracy against corruption: {path}')
    for label in rows:
        if label.startswith('FineTec '):
            print(f'{label} - FineTec top-1 (mean): ' + gap(
                top1, label, ['FineTec'], levels))
    if baselines:
        print('FineTec - best baseline top-1 (mean): ' +
              gap(top1, 'FineTec', ['ST-GCN', 'ST-GCN+interp'], levels))


def gap(top1, label, others, levels):
    """Mean top-1 of ``label`` minus the best of ``others``, per level."""
    return ', '.join(
        f"{level or 'clean'} "
        f'{top1[label][level].mean() - max(top1[o][level].mean() for o in others):+.3f}'  # noqa: E501
        for level in levels)


if __name__ == '__main__':
    main()
