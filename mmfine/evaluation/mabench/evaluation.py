"""One MA-Bench evaluation of a set of answers, shared by the evaluation
tool and the main job."""
from typing import Dict, Mapping, Optional, Sequence

from .judge import judge_open_answers
from .questions import CLOSED_TASKS
from .report import sub_scores
from .scoring import final_score, score_closed


def evaluate_answers(questions: Sequence,
                     answers: Mapping[str, str],
                     judge=None,
                     cache_path: Optional[str] = None,
                     progress: bool = True) -> Dict:
    """Closed tasks scored by normalised answers; open tasks by ``judge``
    when one is given (else left out).

    Returns:
        dict: ``closed`` (task -> accuracy %), ``open`` (task -> three
        0-5 level means), ``sub_scores`` (0-100 each) and, when every
        task was scored, ``final_score``.
    """
    closed = score_closed(questions, answers)
    open_levels = {} if judge is None else judge_open_answers(
        questions, answers, judge, cache_path, progress)
    results = dict(
        closed=closed,
        open=open_levels,
        sub_scores=sub_scores(closed, open_levels))
    try:
        results['final_score'] = final_score(closed, open_levels)
    except KeyError as missing:  # a task was not scored (e.g. no judge)
        results['no_final_score'] = missing.args[0]
    return results


def results_table(questions: Sequence, results: Mapping, title: str):
    """A rich table: questions and score per task, the final score (or
    why there is none) as its caption."""
    from rich.table import Table
    table = Table(title=title)
    for column in ('task', 'questions', 'score'):
        table.add_column(
            column, justify='left' if column == 'task' else 'right')
    counts: Dict[str, int] = {}
    for q in questions:
        counts[q.task] = counts.get(q.task, 0) + 1
    for task in CLOSED_TASKS:
        if task in results['closed']:
            table.add_row(task, str(counts[task]),
                          f"{results['closed'][task]:.1f}%")
    for task, levels in results['open'].items():
        table.add_row(
            task, str(counts[task]),
            ' / '.join(f'L{i + 1} {v:.2f}' for i, v in enumerate(levels)))
    table.caption = f"final score {results['final_score']:.2f}" \
        if 'final_score' in results else results['no_final_score']
    return table
