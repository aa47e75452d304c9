"""Make k% labelled / unlabelled lists from an MMAction2 video list,
stratified per class and reproducible by seed.

    python tools/data/split_semi_supervised.py LIST --percent 5 [--seed 0]
        [--out-dir DIR]

Writes ``<stem>_<k>pct_labeled.txt`` and ``<stem>_<k>pct_unlabeled.txt``
(the unlabelled list keeps the true labels: training ignores them, the
pseudo-label accuracy in the logs uses them).
"""
import argparse
import os
import os.path as osp

from mmfine.datasets.semi_supervised_split import split_labeled
from mmfine.utils import atomic_write_bytes


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('list', help='video list, "path label" per line')
    parser.add_argument('--percent', type=float, required=True)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out-dir', help='default: beside the list')
    return parser.parse_args()


def main():
    args = parse_args()
    if not osp.exists(args.list):
        raise SystemExit(f'{args.list} not found')
    with open(args.list) as f:
        lines = [line.strip() for line in f if line.strip()]
    try:
        labeled, unlabeled = split_labeled(lines, args.percent, args.seed)
    except ValueError as error:
        raise SystemExit(f'{args.list}: {error}')
    out_dir = args.out_dir or osp.dirname(osp.abspath(args.list))
    os.makedirs(out_dir, exist_ok=True)
    stem = osp.splitext(osp.basename(args.list))[0]
    tag = f'{args.percent:g}pct'
    for name, part in (('labeled', labeled), ('unlabeled', unlabeled)):
        path = osp.join(out_dir, f'{stem}_{tag}_{name}.txt')
        atomic_write_bytes(("\n".join(part) + "\n").encode(), path)
        print(f'{path}: {len(part)} videos')


if __name__ == '__main__':
    main()
