"""Answer-blind reference answerers for MA-Bench: what a model must beat
to show that it looked at the video."""
import random
from collections import Counter
from typing import Dict, Sequence

from .answers import parse_options
from .questions import CHOICE_TASKS, OPEN_TASKS, YES_NO_TASKS


def majority_answers(questions: Sequence) -> Dict[str, str]:
    """Closed tasks: every question answered with its task's most frequent
    reference answer (the first one seen on a tie), the label prior of the
    scored questions (fitted on them: an upper bound of any constant
    answer, not a model). Open tasks: the most frequent answer of the
    *other* questions of the task, so that no question gets its own
    reference (answers there are mostly unique)."""
    counts: Dict[str, Counter] = {}
    for q in questions:
        if q.answer is None:
            raise ValueError(f'{q.qid}: the majority answerer needs the '
                             'reference answers')
        counts.setdefault(q.task, Counter())[q.answer.strip()] += 1
    answers = {}
    for q in questions:
        tally = counts[q.task]
        if q.task in OPEN_TASKS:
            tally = tally.copy()
            tally[q.answer.strip()] -= 1
        ranked = [a for a, n in tally.most_common() if n > 0]
        answers[q.qid] = ranked[0] if ranked else ''
    return answers


def random_answers(questions: Sequence, seed: int = 0) -> Dict[str, str]:
    """A seeded guess per question: one of the question's own option
    letters (CMAR, FMAR), ``yes`` or ``no`` (the yes/no tasks), or the
    reference answer of another question of the task, drawn at random (the
    open tasks; never the question's own)."""
    rng = random.Random(seed)
    pool: Dict[str, list] = {}
    for q in questions:
        if q.answer is not None:
            pool.setdefault(q.task, []).append(q.answer)
    answers = {}
    for q in questions:
        if q.task in CHOICE_TASKS:
            options = sorted(parse_options(q.question))
            if not options:
                raise ValueError(f'{q.qid}: no options ("A. ...") found in '
                                 'the question')
            answers[q.qid] = rng.choice(options)
        elif q.task in YES_NO_TASKS:
            answers[q.qid] = rng.choice(('yes', 'no'))
        else:
            others = [a for a in pool.get(q.task, []) if a != q.answer]
            answers[q.qid] = rng.choice(others) if others else ''

    return answers
