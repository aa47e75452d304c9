"""MA-Bench closed-task scoring: answer normalisation, per-task accuracy
on the real sample file, the 12-sub-score final score, bad files."""
import json

import pytest

from mmfine.evaluation.mabench import (CLOSED_TASKS, final_score, load_mabench,
                                       normalise_choice, normalise_yes_no,
                                       parse_options, score_closed)
from mmfine.testing import shared_dataset

QUESTION = ('Which coarse-grained category?\nA. Lower limb\nB. Head\n'
            'C. Leg-hand\nD. Body-hand\nE. Head-hand\nF. Upper limb\nG. Body')


@pytest.mark.parametrize('answer, letter', [
    ('F', 'F'), ('(F)', 'F'), ('F.', 'F'), ('Answer: F', 'F'),
    ('The answer is F. Upper limb', 'F'), ('f', 'F'), ('upper limb', 'F'),
    ('The person mainly uses the upper limb.', 'F'), ('Head-hand', 'E'),
    ('head', 'B'), ('F. Head', None), ('A person moves', None),
    ('B or F', None), ('', None), (None, None), ('(B)', 'B'), ('b.', 'B'),
    ('Answer: B', 'B'), ('Answer: b', 'B'), ('The answer is (b)', 'B'),
    ('answer: f. upper limb', 'F'), ('[c]', 'C'), ('a person moves', None),
    ('Answer: a person moves', None), ('The answer is (b). Head', 'B'),
    ('The answer is a head movement.', 'B'),
    ('answer: a head-hand movement', 'E'), ('Option a head', 'B'),
    ('answer: a upper limb', 'F'), ('b:', 'B'), ('b,', 'B'),
    ('The answer is: B', 'B'), ('**B**', 'B'), ('My answer: B', 'B'),
    ('I think the answer is B.', 'B'), ('The final answer is (c)', 'C'),
    ('So, the answer is a head movement.', 'B')
])
def test_choice_answers(answer, letter):
    assert normalise_choice(answer, QUESTION) == letter


@pytest.mark.parametrize('answer, norm', [
    ('Yes', 'Yes'), ('yes.', 'Yes'), ('yes, it did.', 'Yes'), ('No.', 'No'),
    ('The answer is no', 'No'), ('Yes and no', None), ('maybe', None),
    (3, None)
])
def test_yes_no_answers(answer, norm):
    assert normalise_yes_no(answer) == norm


def test_final_score_is_the_mean_of_twelve():
    closed = dict(CMAR=80, FMAR=40, MAS=60, SAD=70, MAD=50, PPR=90)
    open_levels = dict(MADU=[3, 2, 1], MARE=[4, 4, 2])
    expected = (80 + 40 + 60 + 70 + 50 + 90 + 20 * (3 + 2 + 1 + 4 + 4 + 2)
                ) / 12
    assert final_score(closed, open_levels) == pytest.approx(expected)
    with pytest.raises(KeyError, match='MARE'):
        final_score(closed, dict(MADU=[3, 2, 1]))
    with pytest.raises(ValueError, match=r'\[0, 5\]'):
        final_score(closed, dict(MADU=[3, 2, 6], MARE=[1, 1, 1]))


@pytest.mark.realdata
def test_scores_on_the_real_sample():
    questions = load_mabench(
        f"{shared_dataset('microaction')}/mabench_data_sample_100.json")
    assert len(questions) == 1200
    closed = [q for q in questions if q.task in CLOSED_TASKS]
    # the references themselves score 100 on every closed task
    exact = {q.qid: q.answer for q in closed}
    assert score_closed(questions, exact) == {t: 100.0 for t in CLOSED_TASKS}
    # so do verbose answers that repeat the option's text
    verbose = {}
    for q in closed:
        if q.task in ('CMAR', 'FMAR'):
            text = parse_options(q.question)[q.answer]
            verbose[q.qid] = f'The answer is {q.answer}. {text}'
        else:
            verbose[q.qid] = f'{q.answer.lower()}, that is what happens.'
    assert score_closed(questions, verbose) == {t: 100.0 for t in CLOSED_TASKS}
    # answering "Yes" everywhere scores the share of Yes references
    yes = {q.qid: 'Yes' for q in closed}
    got = score_closed(questions, yes)
    for task in ('MAS', 'SAD', 'MAD', 'PPR'):
        share = [q.answer == 'Yes' for q in closed if q.task == task]
        assert got[task] == pytest.approx(100 * sum(share) / len(share))
    assert got['CMAR'] == 0 and got['FMAR'] == 0  # missing letters: wrong


def test_bad_question_files(tmp_path):
    path = tmp_path / 'q.json'
    path.write_text('{"not": "a list"}')
    with pytest.raises(ValueError, match='list of questions'):
        load_mabench(str(path))
    entry = dict(qid='X_1', task='CMAR', video='v.mp4', question='?')
    path.write_text(json.dumps([entry, entry]))
    with pytest.raises(ValueError, match='appears twice'):
        load_mabench(str(path))
    path.write_text(json.dumps([dict(entry, task='XYZ')]))
    with pytest.raises(ValueError, match='task'):
        load_mabench(str(path))
    path.write_text(json.dumps([dict(qid='X_1')]))
    with pytest.raises(ValueError, match='lacks'):
        load_mabench(str(path))
    path.write_text('[{')
    with pytest.raises(ValueError, match='not JSON'):
        load_mabench(str(path))
