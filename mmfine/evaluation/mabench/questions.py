"""MA-Bench question files: ``[{video, task, qid, question, answer?}]``."""
import json
from typing import List, NamedTuple, Optional

CHOICE_TASKS = ('CMAR', 'FMAR')  # option letters (7 / 5 options)
YES_NO_TASKS = ('MAS', 'SAD', 'MAD', 'PPR')
OPEN_TASKS = ('MADU', 'MARE')  # judged by an LLM, three 0-5 levels each
CLOSED_TASKS = CHOICE_TASKS + YES_NO_TASKS
TASKS = CLOSED_TASKS + OPEN_TASKS


class MABenchQuestion(NamedTuple):
    qid: str
    task: str
    video: str
    question: str
    answer: Optional[str] = None


def load_mabench(path: str) -> List[MABenchQuestion]:
    """Read a question file (a JSON list, as the starter kit ships it);
    every entry must name a known task and a unique ``qid``."""
    with open(path) as f:
        try:
            entries = json.load(f)
        except json.JSONDecodeError as error:
            raise ValueError(f'{path}: not JSON ({error})') from None
    if not isinstance(entries, list):
        raise ValueError(f'{path}: expected a list of questions')
    questions, seen = [], set()
    for i, entry in enumerate(entries):
        missing = [
            k for k in ('qid', 'task', 'video', 'question')
            if not isinstance(entry, dict) or k not in entry
        ]
        if missing:
            raise ValueError(f'{path}: entry {i} lacks {missing}')
        if entry['task'] not in TASKS:
            raise ValueError(f"{path}: entry {i} ({entry['qid']}) has task "
                             f"{entry['task']!r}; known: {TASKS}")
        if entry['qid'] in seen:
            raise ValueError(f"{path}: qid {entry['qid']} appears twice")
        seen.add(entry['qid'])
        questions.append(
            MABenchQuestion(entry['qid'], entry['task'], entry['video'],
                            entry['question'], entry.get('answer')))
    return questions
