"""Build a "Gym-New" subset: the direction-opposite class pairs of a label
map and the lists restricted and relabelled to them.

    python tools/data/make_direction_pairs.py LABEL_MAP LIST [LIST ...]
        --out-dir DIR [--name gym-new]

SeFAR (Sec. Analysis of Moderate Temporal Perturbation and appendix D:
Gym-New) evaluates on 40 FineGym classes in reversed pairs ("giant circle
backward" / "giant circle forward"); that list is not published, so the
pairs are derived from the names (``mmfine.datasets.direction_pairs``).
Writes ``<name>_label_map.txt`` (new class names in new-id order),
``<name>_pairs.txt`` (``orig_i orig_j`` per line) and, for each list
``X.txt``, ``<name>_X.txt`` with the lines of the paired classes,
relabelled ``2k`` / ``2k + 1`` for pair ``k`` in the list's order.
"""
import argparse
import os.path as osp

from rich.console import Console
from rich.table import Table

from mmfine.datasets.direction_pairs import (build_direction_subset,
                                             direction_pairs, read_label_map)
from mmfine.utils import atomic_write_bytes


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('label_map', help='class names, one per line')
    parser.add_argument(
        'lists', nargs='+', help='video lists, "path label" per line')
    parser.add_argument('--out-dir', required=True)
    parser.add_argument(
        '--name', default='gym-new', help='prefix of the written files')
    return parser.parse_args(argv)


def _write_lines(lines, path):
    atomic_write_bytes(''.join(f'{line}\n' for line in lines).encode(), path)


def main(argv=None):
    args = parse_args(argv)
    for path in [args.label_map] + args.lists:
        if not osp.isfile(path):
            raise SystemExit(f'{path} not found')
    stems = [osp.splitext(osp.basename(path))[0] for path in args.lists]
    if len(set(stems)) != len(stems):
        raise SystemExit(f'lists with the same file name would overwrite '
                         f'each other: {args.lists}')
    try:
        names = read_label_map(args.label_map)
        pairs = direction_pairs(names)
    except ValueError as error:
        raise SystemExit(f'{args.label_map}: {error}')
    if not pairs:
        raise SystemExit(f'{args.label_map}: no direction-opposite class '
                         f'pair among its {len(names)} classes')
    subsets = {}
    for path, stem in zip(args.lists, stems):
        with open(path) as f:
            lines = f.read().splitlines()
        try:
            subsets[stem] = build_direction_subset(lines, pairs, len(names))
        except ValueError as error:
            raise SystemExit(f'{path}: {error}')
    originals = [c for pair in pairs for c in pair]

    console = Console()
    table = Table(title=f'{args.name}: {len(pairs)} direction-opposite '
                  f'pairs of {args.label_map}')
    for column in ('new id', 'original id', 'name'):
        table.add_column(column, justify='left' if column == 'name' else
                         'right')
    for new, orig in enumerate(originals):
        table.add_row(str(new), str(orig), names[orig],
                      end_section=new % 2 == 1)
    console.print(table)

    out = args.out_dir
    prefix = osp.join(out, args.name)
    _write_lines([names[c] for c in originals], f'{prefix}_label_map.txt')
    _write_lines([f'{i} {j}' for i, j in pairs], f'{prefix}_pairs.txt')
    console.print(f'{prefix}_label_map.txt: {len(originals)} classes; '
                  f'{prefix}_pairs.txt: {len(pairs)} pairs')
    for path, stem in zip(args.lists, stems):
        kept, _ = subsets[stem]
        target = f'{prefix}_{stem}.txt'
        _write_lines(kept, target)
        present = len({line.rsplit(' ', 1)[1] for line in kept})
        console.print(f'{target}: {len(kept)} videos of {path} kept, '
                      f'{present} of the {len(originals)} classes present')


if __name__ == '__main__':
    main()
