"""Export a trained recognizer's per-video features (one ``<name>.npy``
per video and an ``index.txt`` of ``<name> <label>``) for downstream use,
e.g. SeFAR's student features for a multimodal LLM (Gym-QA).

    python tools/analysis/export_video_features.py CONFIG CHECKPOINT \
        --out-dir DIR [--split test] [--stage backbone|fused] \
        [--device cpu] [--overwrite] [--cfg-options KEY=VALUE ...]

The config's ``{split}_dataloader`` dataset is read through its own
pipeline (e.g. SeFAR's 3-view test) and the features are averaged over
the views: a SeFAR backbone gives ``(E, D)`` (one row per temporal
element), ``--stage fused`` the fusion head's ``(1, hidden)``, another
backbone ``(1, C)`` pooled over time and space. Existing valid files are
kept (the run resumes); unreadable videos are listed at the end. The exit
status is 1 only when nothing could be written. CHECKPOINT ``none`` keeps
random weights (tests only).
"""
import argparse
import sys

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.config import DictAction

from mmfine.apis.video_features import STAGES, export_video_features
from mmfine.utils import quiet_library_output


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='recognizer config (SeFAR, 3D)')
    parser.add_argument(
        'checkpoint',
        help='trained weights (SeFAR: the student\'s are used); "none": '
        'random weights, for tests')
    parser.add_argument('--out-dir', required=True, help='output folder')
    parser.add_argument(
        '--split',
        default='test',
        help='whose <split>_dataloader dataset to encode (default: test)')
    parser.add_argument(
        '--stage',
        choices=STAGES,
        default='backbone',
        help='backbone features, or the head\'s fused feature')
    parser.add_argument(
        '--device', default='cpu', help='where the model runs, e.g. cuda:0')
    parser.add_argument(
        '--overwrite',
        action='store_true',
        help='recompute feature files of an earlier run (default: keep)')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='KEY=VALUE settings merged into the config, e.g. '
        'test_dataloader.dataset.ann_file=list.txt')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    quiet_library_output()
    checkpoint = None if args.checkpoint.lower() == 'none' else \
        args.checkpoint
    if checkpoint is None:
        print(
            'WARNING: checkpoint "none": RANDOM weights; these features are '
            'only good for testing the pipeline.',
            file=sys.stderr)
    try:  # the options are named as the function's arguments
        result = export_video_features(
            **dict(vars(args), checkpoint=checkpoint))
    except (OSError, ValueError, TypeError) as error:
        raise SystemExit(f'error: {error}')
    print(f'{args.config} ({args.split}, {args.stage}) -> {args.out_dir}: '
          f'{result.summary()}')
    if not result.written and not result.skipped:
        raise SystemExit(f'error: no features could be written from the '
                         f'{args.split} split')


if __name__ == '__main__':
    main()
