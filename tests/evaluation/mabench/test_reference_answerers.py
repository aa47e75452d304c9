"""Answer-blind MA-Bench answerers and the shared evaluation: the
majority answer scores the label prior, the random one a valid guess per
question; without a judge the open tasks are reported as unscored."""
import json
from collections import Counter

import pytest

from mmfine.evaluation.mabench import (CLOSED_TASKS, FileJudge,
                                       MABenchQuestion, load_mabench,
                                       parse_options)
from mmfine.evaluation.mabench.evaluation import (evaluate_answers,
                                                  results_table)
from mmfine.evaluation.mabench.reference_answerers import (majority_answers,
                                                           random_answers)
from mmfine.testing import shared_dataset

CHOICE = 'Which part moves?\nA. Head\nB. Leg\nC. Hand'


def questions():
    return [
        MABenchQuestion('c1', 'CMAR', 'v1', CHOICE, 'B'),
        MABenchQuestion('c2', 'CMAR', 'v2', CHOICE, 'B'),
        MABenchQuestion('c3', 'CMAR', 'v3', CHOICE, 'C'),
        MABenchQuestion('y1', 'MAS', 'v1', 'Did it?', 'No'),
        MABenchQuestion('y2', 'MAS', 'v2', 'Did it?', 'Yes'),
        MABenchQuestion('y3', 'MAS', 'v3', 'Did it?', 'No'),
        MABenchQuestion('o1', 'MADU', 'v1', 'Describe.', 'The head nods.'),
        MABenchQuestion('o2', 'MADU', 'v2', 'Describe.', 'A hand waves.'),
    ]


def test_majority_answers_score_the_label_prior():
    answers = majority_answers(questions())
    assert answers['c3'] == 'B' and answers['y2'] == 'No'
    # open tasks: another question's answer, never the question's own
    assert answers['o1'] == 'A hand waves.'
    assert answers['o2'] == 'The head nods.'
    results = evaluate_answers(questions(), answers, progress=False)
    assert results['closed'] == pytest.approx(dict(CMAR=200 / 3, MAS=200 / 3))
    assert results['open'] == {}
    assert 'final_score' not in results
    assert 'MADU' in results['no_final_score']
    table = results_table(questions(), results, 'reference')
    assert table.row_count == 2 and 'missing' in table.caption


def test_random_answers_are_valid_guesses_and_seeded():
    qs = questions()
    first, again = random_answers(qs, 3), random_answers(qs, 3)
    assert first == again
    assert {first[q] for q in ('c1', 'c2', 'c3')} <= set('ABC')
    assert {first[q] for q in ('y1', 'y2', 'y3')} <= {'yes', 'no'}
    assert {random_answers(qs, s)['o1']
            for s in range(20)} == {'A hand waves.'}
    draws = Counter(random_answers(qs, s)['c1'] for s in range(300))
    assert set(draws) == set('ABC') and min(draws.values()) > 60
    bad = [MABenchQuestion('c9', 'FMAR', 'v', 'Pick one.', 'A')]
    with pytest.raises(ValueError, match='c9: no options'):
        random_answers(bad)


def test_a_judge_scores_the_open_tasks(tmp_path):
    replies = tmp_path / 'replies.json'
    replies.write_text(
        json.dumps({
            qid: json.dumps(dict(L1_score=a, L2_score=b, L3_score=c))
            for qid, (a, b, c) in (('o1', (5, 4, 3)), ('o2', (1, 0, 2)))
        }))
    results = evaluate_answers(
        questions(),
        majority_answers(questions()),
        FileJudge(str(replies)),
        progress=False)
    assert results['open'] == dict(MADU=[3.0, 2.0, 2.5])
    assert results['sub_scores']['MADU L3'] == 50.0


@pytest.mark.realdata
def test_reference_answerers_on_the_sample_questions():
    path = f"{shared_dataset('microaction')}/mabench_data_sample_100.json"
    qs = load_mabench(path)
    majority = evaluate_answers(qs, majority_answers(qs))['closed']
    chance = evaluate_answers(qs, random_answers(qs, 0))['closed']
    assert set(majority) == set(CLOSED_TASKS) == set(chance)
    for task in CLOSED_TASKS:
        counts = Counter(q.answer.strip() for q in qs if q.task == task)
        assert majority[task] == pytest.approx(100 * max(counts.values()) /
                                               sum(counts.values()))
    options = len(
        parse_options(next(q for q in qs if q.task == 'CMAR').question))
    assert options == 7
    assert abs(chance['CMAR'] - 100 / 7) < 12  # 100 questions, 7 options


def test_a_reference_that_is_not_yes_or_no_is_an_error():
    bad = [MABenchQuestion('y9', 'SAD', 'v', 'Did it?', 'perhaps')]
    with pytest.raises(ValueError, match="y9: reference answer 'perhaps'"):
        evaluate_answers(bad, {'y9': 'perhaps'}, progress=False)
    # an answer that is neither yes nor no is wrong, not a match of two
    # unreadable strings
    ok = [MABenchQuestion('y8', 'SAD', 'v', 'Did it?', 'Yes')]
    assert evaluate_answers(
        ok, {'y8': 'hmm'}, progress=False)['closed'] == dict(SAD=0.0)
