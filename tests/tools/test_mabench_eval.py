"""tools/analysis/mabench_eval.py on the real MA-Bench sample: the
references as answers and a judge that gives full marks score 100; the
outputs are written; without a judge only closed tasks are scored."""
import json

import pytest

from mmfine.testing import import_tool, shared_dataset

pytestmark = pytest.mark.realdata


def tool():
    return import_tool('analysis/mabench_eval.py')


def test_full_marks_and_outputs(tmp_path, capsys):
    questions = f"{shared_dataset('microaction')}/mabench_data_sample_100.json"
    entries = json.load(open(questions))
    answers = {e['qid']: e['answer'] for e in entries}
    (tmp_path / 'answers.json').write_text(json.dumps(answers))
    full = '{"L1_score": 5, "L2_score": 5, "L3_score": 5}'
    (tmp_path / 'replies.json').write_text(json.dumps({
        e['qid']: full
        for e in entries if e['task'] in ('MADU', 'MARE')
    }))
    out = tmp_path / 'out'
    tool().main([
        questions, str(tmp_path / 'answers.json'), '--judge-replies',
        str(tmp_path / 'replies.json'), '--out-dir', str(out)
    ])
    results = json.loads((out / 'results.json').read_text())
    assert results['final_score'] == pytest.approx(100.0)
    assert len(results['sub_scores']) == 12
    assert (out / 'scores.png').stat().st_size > 0
    exported = json.loads((out / 'prediction.json').read_text())
    assert len(exported) == 1200
    assert exported[0]['prediction'] == entries[0]['answer']
    assert 'final score 100.00' in capsys.readouterr().out
    # without a judge: closed tasks only, no final score
    tool().main([questions, str(tmp_path / 'answers.json'), '--out-dir',
                 str(tmp_path / 'closed')])
    results = json.loads((tmp_path / 'closed' / 'results.json').read_text())
    assert 'final_score' not in results and len(results['closed']) == 6
    (tmp_path / 'bad.json').write_text('[1, 2]')
    with pytest.raises(SystemExit, match='qid: answer'):
        tool().main([questions, str(tmp_path / 'bad.json')])


def test_unreachable_judge_is_a_clear_exit(tmp_path, monkeypatch):
    import functools

    from mmfine.evaluation.mabench import OpenAIJudge
    questions = f"{shared_dataset('microaction')}/mabench_data_sample_100.json"
    entries = json.load(open(questions))
    (tmp_path / 'answers.json').write_text(
        json.dumps({e['qid']: e['answer']
                    for e in entries}))
    module = tool()
    monkeypatch.setattr(
        module, 'OpenAIJudge',
        functools.partial(OpenAIJudge, max_retries=1, sleep=lambda s: None))
    with pytest.raises(SystemExit,
                       match='failed.*after 2 tries; rerun.*cached'):
        module.main([
            questions,
            str(tmp_path / 'answers.json'), '--judge-url',
            'http://127.0.0.1:9', '--out-dir',
            str(tmp_path / 'out')
        ])
