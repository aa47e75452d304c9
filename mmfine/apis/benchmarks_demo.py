"""The benchmarks' demo: MA-Bench scoring of answer-blind reference
answerers on the sample questions, and the motion-transferability
protocol on generated videos (the coarse head alone against the
coarse/fine disentangled head).

MA-Bench needs the sample questions of the shared data
(``microaction/mabench_data_sample_100.json``); without them that part
says so and is skipped. Its open tasks are scored only with a judge.
"""
import json
import os.path as osp
from typing import Dict, Optional, Sequence

from mmfine.datasets.synthetic_transfer_videos import (generator_settings,
                                                       make_transfer_videos)
from mmfine.utils import REPO_ROOT, shared_data_dir
from .demo_result import DemoResult
from .motion_transferability import (check_same_lists, format_figure,
                                     run_transferability, transfer_table)

TRANSFER_DATA = osp.join(REPO_ROOT, 'data', 'transfer_videos')
# (name, work directory, config)
TRANSFER_METHODS = (
    ('coarse head', 'coarse', 'configs/demo/coarse_r3d-tiny_1xb16-20e_'
     'transfer-videos-set1.py'),
    ('coarse/fine head', 'coarse-fine', 'configs/demo/coarse-fine_r3d-tiny_'
     '1xb16-20e_transfer-videos-set1.py'),
)
TRANSFER_SETTINGS = dict(
    per_class=dict(train=16, val=10), frames=16, size=32, seed=0)
MABENCH_SAMPLE = ('microaction', 'mabench_data_sample_100.json')


def ensure_transfer_data() -> None:
    """Generate the two sets of videos when missing or made by other
    settings (``settings.json``)."""
    stamp = osp.join(TRANSFER_DATA, 'settings.json')
    if osp.exists(stamp):
        with open(stamp) as f:
            if json.load(f) == json.loads(
                    json.dumps(generator_settings(**TRANSFER_SETTINGS))):
                return
    print('generating the videos: '
          f'{osp.relpath(TRANSFER_DATA, REPO_ROOT)}')
    make_transfer_videos(TRANSFER_DATA, **TRANSFER_SETTINGS)


def mabench_reference(work_dir: str, judge=None) -> Dict:
    """Tables and sub-scores of the majority and random answerers, or the
    reason MA-Bench was skipped."""
    from mmfine.evaluation.mabench import load_mabench
    from mmfine.evaluation.mabench.evaluation import (evaluate_answers,
                                                      results_table)
    from mmfine.evaluation.mabench.reference_answerers import (
        majority_answers, random_answers)
    path = osp.join(shared_data_dir(), *MABENCH_SAMPLE)
    if not osp.exists(path):
        return dict(skipped=f'no MA-Bench questions at {path} (set '
                    'MMFINE_SHARED_DATA)')
    questions = load_mabench(path)
    out = dict(tables=[], results={})
    for name, answers in (('majority answer', majority_answers(questions)),
                          ('random answer (seed 0)',
                           random_answers(questions, seed=0))):
        cache = osp.join(work_dir, f"judge_{name.split()[0]}.jsonl")
        results = evaluate_answers(questions, answers, judge, cache)
        out['results'][name] = results
        out['tables'].append(
            results_table(questions, results, f'MA-Bench sample: {name}'))
    return out


def closed_mean(results: Dict) -> float:
    return sum(results['closed'].values()) / len(results['closed'])


def run_benchmarks_demo(work_dir: str,
                        seeds: Sequence[int] = (0, ),
                        judge: Optional[object] = None) -> DemoResult:
    """Run the demo (see the module docstring).

    Args:
        work_dir (str): Runs, judge caches and plots go here.
        seeds (Sequence[int]): Transferability runs per direction.
        judge (optional): An MA-Bench judge (``OpenAIJudge``,
            ``FileJudge``) to score the open tasks.

    Returns:
        DemoResult: The MA-Bench and transferability tables; headline: the
        reference answerers' closed-task means and final scores, each
        head's HM and D_abs; the transferability bar chart.
    """
    from rich.console import Group

    from mmfine.visualization import transfer_bars_figure
    mabench = mabench_reference(work_dir, judge)
    ensure_transfer_data()
    check_same_lists([config for _, _, config in TRANSFER_METHODS])
    summaries = {
        name: run_transferability(config,
                                  osp.join(work_dir, 'transfer', slug),
                                  seeds)['summary']
        for name, slug, config in TRANSFER_METHODS
    }
    plot = osp.join(work_dir, 'transferability.png')
    transfer_bars_figure(
        summaries, 'generated videos: set 1 squares/discs on stripes, set 2 '
        'triangles/crosses on checkers').savefig(plot)
    table = transfer_table(
        summaries, 'Motion transferability on generated videos, 6 coarse '
        'motions, 12 fine classes per set')
    headline = {}
    if 'skipped' in mabench:
        headline['MA-Bench'] = mabench['skipped']
        tables = [table]
    else:
        for name, results in mabench['results'].items():
            headline[f'MA-Bench {name}: closed tasks'] = \
                f'{closed_mean(results):.1f}%'
            headline[f'MA-Bench {name}: final score'] = \
                f"{results['final_score']:.2f}" if 'final_score' in \
                results else 'open tasks skipped (no judge)'
        tables = mabench['tables'] + [table]
    for name, summary in summaries.items():
        headline[f'{name} HM / D_abs'] = (
            f"{format_figure(summary, 'HM')} / "
            f"{summary['D_abs']['mean']:.1f}")
    return DemoResult('Benchmarks', Group(*tables), headline, [plot])
