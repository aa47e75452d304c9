"""Import the SeFAR authors' released split folders as MMAction2 lists.

    python tools/data/import_sefar_splits.py SPLIT_DIR [SPLIT_DIR ...]
        --out-dir data/gym99/annotations [--strip-prefix /root/video]
        [--num-classes N]

Each SPLIT_DIR is one of the authors' folders (``dataset/finegym/all99_5``,
``UB_S1_10``, ``list_ucf_10``, ...: ``train.csv``, ``unlabel.csv`` and
optionally ``val.csv`` / ``test.csv``, each line ``/root/video/<clip>.mp4
<label>``). Writes ``<folder>_labeled.txt``, ``<folder>_unlabeled.txt``
(and ``_val`` / ``_test``) with paths relative to the video root, and
prints their counts and the lines to put into a config. A folder that
cannot be imported is reported and the others still are (exit status 1).
"""
import argparse
import sys

from rich.console import Console
from rich.table import Table

from mmfine.datasets.sefar_split_import import SplitImportError, import_split


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('split_dirs', nargs='+', help="authors' folders")
    parser.add_argument('--out-dir', required=True)
    parser.add_argument(
        '--strip-prefix',
        help='folder removed from the video paths (default: the folder '
        'all listed videos share, /root/video in the released lists)')
    parser.add_argument(
        '--num-classes',
        type=int,
        help='class count to check labels against (default: largest '
        'label + 1 per folder)')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    console = Console()
    table = Table(title='imported SeFAR splits')
    for column in ('split', 'classes', 'labelled', 'unlabelled', 'val',
                   'test', 'stripped'):
        table.add_column(column, justify='left' if column in (
            'split', 'stripped') else 'right')
    failed = []
    for split_dir in args.split_dirs:
        try:
            result = import_split(split_dir, args.out_dir,
                                  strip_prefix=args.strip_prefix,
                                  num_classes=args.num_classes)
        except (SplitImportError, OSError) as error:
            failed.append(f'{split_dir}: {error}')
            continue
        counts = {role: str(n) for role, (_, n) in result['lists'].items()}
        table.add_row(result['name'], str(result['num_classes']),
                      *(counts.get(r, '-')
                        for r in ('labeled', 'unlabeled', 'val', 'test')),
                      result['strip_prefix'] or '-')
        if result['classes_without_labels']:
            console.print(
                f"[yellow]{result['name']}: classes without a labelled "
                f"video: {result['classes_without_labels']}")
        console.print(f"{result['name']}: num_classes = "
                      f"{result['num_classes']}; " + '; '.join(
                          f'{role}_list = {path!r}'
                          for role, (path, _) in result['lists'].items()))
    console.print(table)
    for line in failed:
        console.print(f'[red]not imported: {line}')
    if failed:
        sys.exit(1)


if __name__ == '__main__':
    main()
