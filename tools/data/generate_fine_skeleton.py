"""Generate the embedded synthetic fine-grained skeleton dataset (COCO-17).

    python tools/data/generate_fine_skeleton.py [--out PKL] [--seed 0]
        [--flick]

``--flick`` adds the four flick classes (16 in all) and writes
``data/fine_skeleton/fine_skeleton_flick_coco17.pkl`` by default.
"""
import argparse
import time

from mmfine.datasets.synthetic_fine_skeleton import make_dataset
from mmfine.utils import dump_pickle_atomic

DEFAULT_OUT = 'data/fine_skeleton/fine_skeleton{}_coco17.pkl'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--out', help='output pickle')
    parser.add_argument('--train-per-class', type=int, default=40)
    parser.add_argument('--test-per-class', type=int, default=15)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument(
        '--flick', action='store_true', help='add the four flick classes')
    return parser.parse_args()


def main():
    args = parse_args()
    start = time.time()
    out = args.out or DEFAULT_OUT.format('_flick' if args.flick else '')
    data = make_dataset(args.train_per_class, args.test_per_class, args.seed,
                        args.flick)
    dump_pickle_atomic(data, out)
    print(f'{out}: {len(data["annotations"])} samples, '
          f'{len(data["classes"])} classes, train '
          f'{len(data["split"]["train"])} / test '
          f'{len(data["split"]["test"])} ({time.time() - start:.1f} s)')


if __name__ == '__main__':
    main()
