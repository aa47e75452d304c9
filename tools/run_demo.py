"""The main job: every method's demo on embedded data, on CPU, ending with
one summary table.

* FineTec (``mmfine.apis.finetec_demo``): ST-GCN, ST-GCN on linearly
  interpolated input and FineTec on synthetic fine-grained skeletons with
  25 / 50 / 75% of each sample's frames dropped, and the completion's
  restoration error.
* SeFAR (``mmfine.apis.sefar_demo``): semi-supervised SeFAR against the
  supervised-only baseline on generated videos, 10% labelled.
* CoFInAl (``mmfine.apis.cofinal_demo``): CoFInAl against the GDLT-style
  head and a linear regressor scoring generated judged routines.
* Tracker (``mmfine.apis.tracker_demo``): MA-Bench's micro-motion tracker
  on a real video (a generated one without the shared data): body-part
  descriptors, captions, overlay video.
* Benchmarks (``mmfine.apis.benchmarks_demo``): MA-Bench scoring of
  answer-blind reference answerers on the sample questions (open tasks
  with a judge only), and motion transferability on generated videos:
  the coarse head alone against the coarse/fine disentangled head.

Each method prints its full table when it finishes; the summary at the end
gives each method's headline figures and the paths of its plots.

    python tools/run_demo.py
        [--methods finetec,sefar,cofinal,tracker,benchmarks]
        [--work-dir DIR]
        [--seeds 0 1 2] [--epochs N] [--finetec-variant flick]
        [--judge-url URL --judge-model gpt-4o | --judge-replies FILE]
"""
import argparse
import os
import os.path as osp
import time

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmfine.apis.benchmarks_demo import run_benchmarks_demo
from mmfine.apis.cofinal_demo import run_cofinal_demo
from mmfine.apis.finetec_demo import VARIANTS, run_finetec_demo
from mmfine.apis.sefar_demo import run_sefar_demo
from mmfine.apis.tracker_demo import run_tracker_demo
from mmfine.utils import REPO_ROOT, quiet_library_output

METHODS = ('finetec', 'sefar', 'cofinal', 'tracker', 'benchmarks')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--methods',
        default=','.join(METHODS),
        help=f"comma-separated, from {', '.join(METHODS)} (default: all)")
    parser.add_argument(
        '--work-dir',
        default=osp.join(REPO_ROOT, 'work_dirs', 'demo'),
        help='each method writes to WORK_DIR/<method>')
    parser.add_argument(
        '--seeds',
        type=int,
        nargs='+',
        default=[0],
        help='FineTec, SeFAR, CoFInAl and the transferability benchmark: '
        'train each model once per seed; their tables give mean and spread '
        '(std) over them')
    parser.add_argument(
        '--epochs', type=int, help='FineTec: override the configs\' epochs')
    parser.add_argument(
        '--finetec-variant',
        default='base',
        choices=sorted(VARIANTS),
        help='FineTec: the 12-class embedded data or its 16-class flick '
        'variant')
    judge = parser.add_mutually_exclusive_group()
    judge.add_argument(
        '--judge-url',
        help='MA-Bench: an OpenAI-compatible endpoint that judges the open '
        'tasks ($OPENAI_API_KEY); without a judge they are skipped')
    judge.add_argument(
        '--judge-replies', help='MA-Bench: judge replies made elsewhere')
    parser.add_argument('--judge-model', default='gpt-4o')
    args = parser.parse_args()
    args.methods = [m.strip() for m in args.methods.split(',') if m.strip()]
    unknown = sorted(set(args.methods) - set(METHODS))
    if unknown or not args.methods:
        parser.error(f"--methods takes {', '.join(METHODS)}; got "
                     f"{', '.join(unknown) or 'nothing'}")
    return args


def make_judge(args):
    """The MA-Bench judge the options name, or None."""
    from mmfine.evaluation.mabench import FileJudge, OpenAIJudge
    if args.judge_url:
        return OpenAIJudge(args.judge_url, args.judge_model)
    if args.judge_replies:
        return FileJudge(args.judge_replies)
    return None


def summary(results) -> None:
    """One table: a section per method, its headline figures and plots."""
    from rich.console import Console
    from rich.table import Table
    table = Table(title='mmfine demo summary', show_lines=False)
    table.add_column('method')
    table.add_column('figure')
    table.add_column('value', justify='right')
    for result, seconds in results:
        rows = list(result.headline.items()) + [
            ('plots', '\n'.join(osp.relpath(p) for p in result.plots)),
            ('time', f'{seconds / 60:.1f} min')
        ]
        for i, (label, value) in enumerate(rows):
            table.add_row(
                result.method if i == 0 else '',
                label,
                value,
                end_section=i == len(rows) - 1)
    Console(width=160).print(table)


def main():
    args = parse_args()
    quiet_library_output()
    os.chdir(REPO_ROOT)  # configs name their data relative to the repository
    runs = {
        'finetec':
        lambda: run_finetec_demo(
            osp.join(args.work_dir, 'finetec'), args.seeds, args.epochs, args.
            finetec_variant),
        'sefar':
        lambda: run_sefar_demo(osp.join(args.work_dir, 'sefar'), args.seeds),
        'cofinal':
        lambda: run_cofinal_demo(
            osp.join(args.work_dir, 'cofinal'), args.seeds),
        'tracker':
        lambda: run_tracker_demo(osp.join(args.work_dir, 'tracker')),
        'benchmarks':
        lambda: run_benchmarks_demo(
            osp.join(args.work_dir, 'benchmarks'), args.seeds, make_judge(args)
        ),
    }
    from rich.console import Console
    console = Console(width=200)
    results = []
    for i, method in enumerate(args.methods, 1):
        console.rule(f'[{i}/{len(args.methods)}] {method}')
        start = time.time()
        result = runs[method]()
        console.print(result.table)
        results.append((result, time.time() - start))
    summary(results)


if __name__ == '__main__':
    main()
