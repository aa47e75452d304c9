"""Convert a public skeleton dataset into an MMAction2 ``PoseDataset`` pickle.

    python tools/data/convert_skeleton_dataset.py msr_action3d \
        [--root ../shared/data/msr_action3d] [--out data/...pkl]

Datasets: msr_action3d (cross-subject, 557 standard sequences), utkinect
(cross-subject, 199 segments), nw_ucla (cross-view, view 3 tests).
Keypoints are 3D, ``[1, T, 20, 3]``, in the ``kinect_v1_20`` layout.
"""
import argparse
import os.path as osp

from mmfine.datasets.converters import CONVERTERS
from mmfine.utils import (dump_pickle_atomic, quiet_library_output,
                          shared_data_dir)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('dataset', choices=sorted(CONVERTERS))
    parser.add_argument(
        '--root',
        help='dataset folder (default: '
        '$MMFINE_SHARED_DATA/<dataset>)')
    parser.add_argument(
        '--out',
        help='output pickle (default: '
        'data/<dataset>/<dataset>_3d.pkl)')
    return parser.parse_args()


def main():
    args = parse_args()
    quiet_library_output()
    root = args.root or osp.join(shared_data_dir(), args.dataset)
    out = args.out or osp.join('data', args.dataset, f'{args.dataset}_3d.pkl')
    data = CONVERTERS[args.dataset](root)
    dump_pickle_atomic(data, out)
    sizes = ', '.join(f'{k} {len(v)}' for k, v in data['split'].items())
    print(f'{out}: {len(data["annotations"])} samples, '
          f'{len(data["classes"])} classes ({sizes})')


if __name__ == '__main__':
    main()
