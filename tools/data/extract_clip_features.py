"""Extract clip features (one ``<name>.npy`` of shape (N_clips, D) per
video or skeleton sequence) with a recognizer's backbone, as CoFInAl's
action quality assessment reads them.

    python tools/data/extract_clip_features.py CONFIG CHECKPOINT \
        --video-root DIR [--video-list FILE] --out-dir DIR \
        [--clip-len 32] [--short-side 256] [--crop-size 224] [--device cpu]
    python tools/data/extract_clip_features.py CONFIG CHECKPOINT \
        --pose-ann FILE.pkl [--split NAME] --out-dir DIR [--clip-len 32]

Videos are cut into non-overlapping ``--clip-len`` clips (a shorter video:
one clip, its last frame repeated), resized (short side), centre-cropped
and encoded by a ``Recognizer3D``'s backbone (or a ``Recognizer2D``'s, frame
by frame), average-pooled over time and space. ``--pose-ann`` encodes the
sequences of an MMAction2 PoseDataset pickle with a ``RecognizerGCN``
(after the sequence-level steps of the config's test pipeline, e.g.
``PreNormalize2D``, ``GenSkeFeat``); files are named by ``frame_dir``.
Existing valid files are kept (the run resumes); unreadable videos or
samples are listed at the end. The exit status is non-zero only when
nothing could be written. CHECKPOINT ``none`` keeps the initial weights:
random (tests only), or none at all for a parameter-free encoder such as
``configs/_base_/models/kinematic_pose_encoder.py``.
"""
import argparse
import sys

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmengine.config import DictAction

from mmfine.apis import clip_features as cf
from mmfine.utils import quiet_library_output


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('config', help='MMAction2 recognizer config')
    parser.add_argument(
        'checkpoint',
        help='its weights; "none" for a randomly initialised model')
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--video-root', help='folder of the videos')
    source.add_argument(
        '--pose-ann', help='MMAction2 PoseDataset pickle to encode instead')
    parser.add_argument(
        '--video-list',
        help='lines "<video> ...", the video relative to --video-root '
        '(default: every video file under --video-root)')
    parser.add_argument(
        '--split', help='with --pose-ann: encode only this split')
    parser.add_argument('--out-dir', required=True, help='output folder')
    parser.add_argument('--clip-len', type=int, default=32)
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument(
        '--batch-clips', type=int, default=8, help='clips per forward pass')
    parser.add_argument('--device', default='cpu')
    parser.add_argument(
        '--overwrite',
        action='store_true',
        help='recompute files that already exist')
    parser.add_argument(
        '--cfg-options',
        nargs='+',
        action=DictAction,
        help='override settings of the config')
    args = parser.parse_args(argv)
    if args.video_list and not args.video_root:
        parser.error('--video-list needs --video-root')
    if args.split and not args.pose_ann:
        parser.error('--split needs --pose-ann')
    return args


def main(argv=None):
    args = parse_args(argv)
    quiet_library_output()
    checkpoint = None if args.checkpoint.lower() == 'none' else \
        args.checkpoint
    try:
        model = cf.build_feature_extractor(args.config, checkpoint,
                                           args.device, args.cfg_options)
        cf.check_recognizer(model, 'pose' if args.pose_ann else 'video')
    except TypeError as error:  # a recognizer of another kind
        raise SystemExit(f'error: {args.config}: {error}')
    except (OSError, ValueError) as error:
        raise SystemExit(f'error: {error}')
    if checkpoint is None and any(p.numel() for p in model.parameters()):
        print(
            '!' * 72 + '\nWARNING: checkpoint "none": the backbone has RANDOM '
            'weights; these features\nare only good for testing the '
            'pipeline.\n' + '!' * 72,
            file=sys.stderr)
    try:
        if args.pose_ann:
            source = args.pose_ann
            annotations = cf.load_pose_annotations(args.pose_ann, args.split)
            result = cf.extract_pose_features(
                model,
                annotations,
                args.out_dir,
                clip_len=args.clip_len,
                batch_clips=args.batch_clips,
                overwrite=args.overwrite)
        else:
            source = args.video_list or args.video_root
            videos = cf.list_videos(args.video_root, args.video_list)
            result = cf.extract_video_features(
                model,
                videos,
                args.out_dir,
                clip_len=args.clip_len,
                short_side=args.short_side,
                crop_size=args.crop_size,
                batch_clips=args.batch_clips,
                overwrite=args.overwrite)
    except (OSError, ValueError) as error:
        raise SystemExit(f'error: {error}')
    print(f'{source} -> {args.out_dir}: {result.summary()}')
    if not result.written and not result.skipped:
        raise SystemExit(f'error: no features could be written from {source}')


if __name__ == '__main__':
    main()
