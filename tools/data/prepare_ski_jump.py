"""Build the ski-jump AQA set: a PoseDataset pickle, kinematic clip
features and cross-validation fold lists.

    python tools/data/prepare_ski_jump.py [--root DIR] [--out-dir data/ski_jump]
        [--folds 4] [--clip-len 16] [--overwrite]

Reads the SkiProject-SportTech release (``annotations/*.coco.json`` and
``JP_data.csv``; default ``$MMFINE_SHARED_DATA/ski_jump``) and writes to
``--out-dir``:

* ``ski_jump_2d.pkl``: MMAction2 PoseDataset (23 keypoints, 1280x720;
  ``score`` is the style score, the sum of the three middle judges' marks;
  splits ``fold0`` .. and ``all``);
* ``features/JP00NN.npy``: ``(N_clips, 138)`` clip features of
  ``--clip-len``-frame clips from the parameter-free
  ``KinematicPoseEncoder`` (``configs/_base_/models/kinematic_pose_encoder.py``);
* ``fold<k>_train.csv`` / ``fold<k>_test.csv``: ``video,score`` lists of
  the folds (stratified by score), as
  ``configs/cofinal/*_ski-jump.py`` and
  ``tools/analysis/aqa_cross_validation.py`` read them.

Existing feature files are kept (the run resumes) unless ``--overwrite``.
"""
import argparse
import os.path as osp

from mmfine.apis.clip_features import (build_feature_extractor,
                                       extract_pose_features)
from mmfine.datasets.converters import convert_ski_jump
from mmfine.datasets.score_table import write_score_table
from mmfine.utils import (REPO_ROOT, dump_pickle_atomic, quiet_library_output,
                          shared_data_dir)

ENCODER = osp.join(REPO_ROOT, 'configs', '_base_', 'models',
                   'kinematic_pose_encoder.py')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--root', help='the release (default: $MMFINE_SHARED_DATA/ski_jump)')
    parser.add_argument('--out-dir', default=osp.join('data', 'ski_jump'))
    parser.add_argument('--folds', type=int, default=4)
    parser.add_argument('--clip-len', type=int, default=16)
    parser.add_argument(
        '--overwrite',
        action='store_true',
        help='recompute feature files that already exist')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    quiet_library_output()
    root = args.root or osp.join(shared_data_dir(), 'ski_jump')
    try:
        data = convert_ski_jump(root, args.folds)
    except (OSError, ValueError) as error:
        raise SystemExit(f'error: {error}')
    pickle_path = osp.join(args.out_dir, 'ski_jump_2d.pkl')
    dump_pickle_atomic(data, pickle_path)
    by_name = {a['frame_dir']: a for a in data['annotations']}
    for k in range(args.folds):
        test = data['split'][f'fold{k}']
        train = [n for n in data['split']['all'] if n not in test]
        for split, names in (('train', train), ('test', test)):
            write_score_table(
                osp.join(args.out_dir, f'fold{k}_{split}.csv'),
                [(n, by_name[n]['score']) for n in names])
    result = extract_pose_features(
        build_feature_extractor(ENCODER),
        data['annotations'],
        osp.join(args.out_dir, 'features'),
        steps=[],
        clip_len=args.clip_len,
        overwrite=args.overwrite)
    print(f'{pickle_path}: {len(data["annotations"])} jumps, '
          f'{args.folds} folds; features: {result.summary()}')
    if result.failed:
        raise SystemExit(1)


if __name__ == '__main__':
    main()
