"""MA-Bench's scores: closed-task accuracy and the final score, the mean
of 12 sub-scores (six closed-task accuracies in %, and the three 0-5 judge
levels of each open task x 20)."""
from typing import Dict, Mapping, Sequence

from .answers import normalise_choice, normalise_yes_no
from .questions import CHOICE_TASKS, CLOSED_TASKS, OPEN_TASKS


def score_closed(questions: Sequence,
                 predictions: Mapping[str, str]) -> Dict[str, float]:
    """Accuracy in % per closed task present in ``questions``.

    Args:
        questions (Sequence[MABenchQuestion]): With ``answer``.
        predictions (Mapping[str, str]): ``qid`` -> the model's raw answer;
            a missing qid counts as wrong.
    """
    right, total = {}, {}
    for q in questions:
        if q.task not in CLOSED_TASKS:
            continue
        if q.answer is None:
            raise ValueError(f'{q.qid}: no reference answer to score with')
        raw = predictions.get(q.qid)
        if q.task in CHOICE_TASKS:
            got = normalise_choice(raw, q.question)
            ok = got is not None and got == q.answer.strip().upper()
        else:
            reference = normalise_yes_no(q.answer)
            if reference is None:
                raise ValueError(f'{q.qid}: reference answer {q.answer!r} '
                                 'is not yes or no')
            ok = normalise_yes_no(raw) == reference
        right[q.task] = right.get(q.task, 0) + int(ok)
        total[q.task] = total.get(q.task, 0) + 1
    return {t: 100.0 * right[t] / total[t] for t in CLOSED_TASKS if t in total}


def final_score(closed: Mapping[str, float],
                open_levels: Mapping[str, Sequence[float]]) -> float:
    """Mean of the six closed accuracies (%) and the six open level means
    (0-5, x 20); every task must be there."""
    missing = [t for t in CLOSED_TASKS if t not in closed] + \
        [t for t in OPEN_TASKS if t not in open_levels]
    if missing:
        raise KeyError(f'MA-Bench final score needs every task; missing '
                       f'{missing}')
    subs = [float(closed[t]) for t in CLOSED_TASKS]
    for t in OPEN_TASKS:
        levels = list(open_levels[t])
        if len(levels) != 3 or not all(0 <= v <= 5 for v in levels):
            raise ValueError(f'{t}: expected three level means in [0, 5], '
                             f'got {levels}')
        subs += [20.0 * v for v in levels]
    return sum(subs) / len(subs)
