"""MA-Bench results: the per-task table, a bar chart, and the answers
exported for submission."""
import json
from typing import Dict, List, Mapping, Optional, Sequence

from .questions import CLOSED_TASKS, OPEN_TASKS


def sub_scores(closed: Mapping[str, float],
               open_levels: Mapping[str, Sequence[float]]) -> Dict[str, float]:
    """The 12 sub-scores on one 0-100 scale: closed accuracies and the
    open tasks' levels x 20 (``MADU L1`` ...), for the tasks present."""
    subs = {t: float(closed[t]) for t in CLOSED_TASKS if t in closed}
    for task in OPEN_TASKS:
        for i, value in enumerate(open_levels.get(task, [])):
            subs[f'{task} L{i + 1}'] = 20.0 * float(value)
    return subs


def results_figure(subs: Mapping[str, float], title: str = ''):
    """A bar chart of the sub-scores (0-100)."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(max(4, 0.6 * len(subs) + 1), 3.2), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    names = list(subs)
    ax.bar(
        range(len(names)), [subs[n] for n in names],
        color=[
            'tab:blue' if n in CLOSED_TASKS else 'tab:orange' for n in names
        ])
    ax.set_xticks(
        range(len(names)), names, rotation=45, ha='right', fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel('score (0-100)')
    ax.grid(axis='y', alpha=0.3)
    if title:
        ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return fig


def export_predictions(questions: Sequence,
                       predictions: Mapping[str, str],
                       path: Optional[str] = None) -> List[dict]:
    """The answers as a question list with ``prediction`` in place of the
    reference (``qid``, ``video``, ``task``, ``question``,
    ``prediction``), written to ``path`` as JSON when given. The starter
    kit's own form was not available here; this one keeps every field a
    scorer needs to match the questions."""
    rows = [
        dict(
            qid=q.qid,
            video=q.video,
            task=q.task,
            question=q.question,
            prediction=predictions.get(q.qid, '')) for q in questions
    ]
    if path is not None:
        from mmfine.utils import atomic_write_bytes
        atomic_write_bytes(json.dumps(rows, indent=1).encode(), path)
    return rows
