"""Answer-blind reference answerers for MA-Bench: what a model must beat
to show that it looked at the video."""
import random
from collections import Counter
from typing import Dict, Sequence

from .answers import parse_options
from .questions import CHOICE_TASKS, YES_NO_TASKS


def majority_answers(questions: Sequence) -> Dict[str, str]:
    """Every question answered with its task's most frequent reference
    answer (the first one seen on a tie): the label prior of the scored
    questions, the best any constant answer does per task."""
    counts: Dict[str, Counter] = {}
    for q in questions:
        if q.answer is None:
            raise ValueError(f'{q.qid}: the majority answerer needs the '
                             'reference answers')
        counts.setdefault(q.task, Counter())[q.answer.strip()] += 1
    best = {task: c.most_common(1)[0][0] for task, c in counts.items()}
    return {q.qid: best[q.task] for q in questions}


def random_answers(questions: Sequence, seed: int = 0) -> Dict[str, str]:
    """A seeded guess per question: one of the question's own option
    letters (CMAR, FMAR), ``yes`` or ``no`` (the yes/no tasks), or the
    reference answer of another question of the task, drawn at random (the
    open tasks)."""
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
            answers[q.qid] = rng.choice(pool.get(q.task, ['']))
    return answers
