"""Build an MMAction2 skeleton dataset (PoseDataset pickle) from videos.

    python tools/data/extract_skeletons.py --video-root DIR \
        --list train:train_list.txt --list val:val_list.txt \
        --out data/mine/mine_2d.pkl [--bbox-file boxes.json] \
        [--backend mediapipe [--layout coco17|mediapipe33] \
         | --backend mmpose --pose-config C \
         --pose-checkpoint P --det-config C --det-checkpoint P] \
        [--workers 2] [--work-dir DIR] [--overwrite]
        [--restore COMPLETION_CKPT [--restore-config CFG] [--max-gap 14]]
    bash tools/dist_extract.sh 8 --video-root ... (one machine, 8 ranks)
    bash tools/slurm_extract.sh PARTITION JOB --video-root ... (Slurm)

Lists are MMAction2 video lists (``<video> <label>``; ``frame_dir`` is the
video's path without its extension). ``--bbox-file`` is a JSON object
``{frame_dir: [x1, y1, x2, y2]}``: the primary subject's box in its first
frame with a person (as Gym288-skeleton was built); without it the
largest person is followed. Every frame is kept: where the subject is
lost its keypoints and scores are zero. Keypoints are COCO-17 (as
Gym288-skeleton); ``--layout mediapipe33`` keeps MediaPipe's 33 landmarks
(hands and feet) instead.

Each video is written to ``--work-dir`` (default: next to ``--out``) as
soon as it is done; a new run skips finished videos (``--overwrite`` to
redo them, e.g. after changing the backend or the boxes; videos done in
another layout are redone anyway), and
``--merge-only`` merges what is there without extracting. With
``--launcher pytorch|slurm`` each rank extracts a disjoint share and rank 0
merges every rank's videos into ``--out``. Videos that cannot be read,
have no frames or show no person are listed at the end (and in
``<work-dir>/<video>.failed``) without stopping the run; the exit status
is non-zero when any video is missing from ``--out``.

``--restore`` fills the frames where the subject was lost inside its
detected span (gaps of at most ``--max-gap`` frames, 14 by default, each
completed in a window centred on it) with a FineTec
completion pre-trained on the same layout
(``configs/finetec/completion_mlp_1xb64-1k_video-poses-coco17-2d.py`` on
an extraction without it); the restored frames keep score 0 and are marked
in ``restored (M, T)``. It applies at the merge, so the per-video results
stay as detected and ``--merge-only --restore`` restores an earlier
extraction.
"""
import argparse
import json
import os.path as osp
import sys

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmfine.apis import skeleton_extraction as se
from mmfine.tracking.backend_args import (add_pose_backend_args,
                                          check_pose_backend_args,
                                          pose_backend_config)
from mmfine.utils import dump_pickle_atomic, quiet_library_output


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--video-root', required=True)
    parser.add_argument(
        '--list',
        action='append',
        required=True,
        metavar='SPLIT:FILE',
        help='a split and its video list; repeat for several splits')
    parser.add_argument('--out', required=True, help='the output pickle')
    parser.add_argument('--bbox-file', help='first-frame subject boxes')
    add_pose_backend_args(parser)
    parser.add_argument(
        '--layout',
        choices=['coco17', 'mediapipe33'],
        default='coco17',
        help='keypoint layout (mediapipe33: --backend mediapipe only)')
    parser.add_argument(
        '--workers', type=int, default=1, help='processes on this machine')
    parser.add_argument('--work-dir', help='per-video results')
    parser.add_argument('--overwrite', action='store_true')
    parser.add_argument(
        '--launcher',
        choices=['none', 'pytorch', 'slurm'],
        default='none',
        help='shard the videos over the ranks of a distributed job')
    parser.add_argument(
        '--merge-only',
        action='store_true',
        help='only merge the per-video results already in --work-dir')
    parser.add_argument(
        '--restore',
        metavar='CHECKPOINT',
        help='fill lost frames with this FineTec completion checkpoint')
    parser.add_argument(
        '--restore-config',
        help='its config (default: the one stored in the checkpoint)')
    parser.add_argument(
        '--max-gap',
        type=int,
        help='the longest run of lost frames --restore fills (default and '
        'most: the completion window less 2, 14)')
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)
    args = parser.parse_args(argv)
    if (args.restore_config or args.max_gap is not None) \
            and not args.restore:
        parser.error('--restore-config and --max-gap need --restore')
    check_pose_backend_args(parser, args)
    if args.layout != 'coco17' and args.backend != 'mediapipe':
        parser.error(f'--layout {args.layout} needs --backend mediapipe')
    for entry in args.list:
        if ':' not in entry:
            parser.error(f'--list takes SPLIT:FILE, got {entry!r}')
    return args


def read_splits(args):
    boxes = {}
    if args.bbox_file:
        with open(args.bbox_file) as f:
            boxes = json.load(f)
    splits = {}
    for entry in args.list:
        name, _, list_file = entry.partition(':')
        splits[name] = [
            item._replace(bbox=boxes.get(item.name))
            for item in se.read_labelled_list(list_file, args.video_root)
        ]
    return splits


def unique_videos(splits):
    """Each video once (a video may be in several splits); one name for
    two different files or labels is an error."""
    unique = {}
    for items in splits.values():
        for item in items:
            seen = unique.setdefault(item.name, item)
            if (seen.path, seen.label) != (item.path, item.label):
                raise ValueError(
                    f'{item.name!r} names both {seen.path} (label '
                    f'{seen.label}) and {item.path} (label {item.label})')
    return list(unique.values())


def main(argv=None):
    args = parse_args(argv)
    quiet_library_output()
    completion = None
    if args.restore:  # on every rank, before hours of extraction
        from mmfine.apis.skeleton_restoration import (check_max_gap,
                                                      load_completion)
        try:
            completion = load_completion(args.restore, args.restore_config)
            check_max_gap(completion, args.max_gap)
        except (OSError, ValueError) as error:
            raise SystemExit(f'error: {error}')
        if not args.merge_only and completion.layout != args.layout:
            raise SystemExit(f'error: the completion restores '
                             f'{completion.layout} keypoints, the extraction '
                             f'writes {args.layout}')
    from mmengine.dist import barrier, get_dist_info, init_dist
    if args.launcher != 'none' and not args.merge_only:
        # ranks finish hours apart on large sets: rank 0 waits at the
        # barrier for all of them
        init_dist(args.launcher, backend='gloo', timeout=7 * 24 * 3600)
    rank, world_size = get_dist_info()
    work_dir = args.work_dir or osp.splitext(args.out)[0] + '_videos'
    try:
        splits = read_splits(args)
        unique = unique_videos(splits)
    except (OSError, ValueError) as error:
        raise SystemExit(f'error: {error}')
    if not args.merge_only:
        result = se.extract_skeletons(
            unique,
            pose_backend_config(args, layout=args.layout),
            work_dir,
            workers=args.workers,
            rank=rank,
            world_size=world_size,
            overwrite=args.overwrite)
        print(f'rank {rank}: {result.summary()}')
        barrier()
    if rank != 0:
        return
    data, missing = se.merge_skeletons(splits, work_dir)
    if completion is not None:
        from mmfine.apis.skeleton_restoration import restore_annotation
        try:
            data['annotations'] = [
                restore_annotation(ann, completion, args.max_gap)
                for ann in data['annotations']
            ]
        except ValueError as error:
            raise SystemExit(f'error: {error}')
    dump_pickle_atomic(data, args.out)
    sizes = ', '.join(f'{k} {len(v)}' for k, v in data['split'].items())
    print(f'{args.out}: {len(data["annotations"])} videos ({sizes})')
    if completion is not None:
        frames = sum(int(a['restored'].sum()) for a in data['annotations'])
        print(f'  restored {frames} lost frames with {args.restore}')
    for name, reason in missing:
        print(f'  missing: {name}: {reason}', file=sys.stderr)
    if missing:
        raise SystemExit(1)


if __name__ == '__main__':
    main()
