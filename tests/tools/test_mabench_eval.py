"""tools/analysis/mabench_eval.py on the real MA-Bench sample: the
references as answers and a judge that gives full marks score 100; the
outputs are written; without a judge only closed tasks are scored."""
import json

import pytest

from mmfine.testing import import_tool, shared_dataset


def tool():
    return import_tool('analysis/mabench_eval.py')


@pytest.mark.realdata
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


@pytest.mark.realdata
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


@pytest.mark.parametrize('labelled', [False, True])
def test_unlabelled_questions_and_judge_prompts(tmp_path, capsys, labelled):
    """A question file without answers (a test split) still gives
    prediction.json; the judge prompts are exported for replies made
    elsewhere."""
    entries = [
        dict(qid='MADU_1', task='MADU', video='v1.mp4', question='Describe.'),
        dict(qid='CMAR_1', task='CMAR', video='v2.mp4',
             question='Which?\nA. Head\nB. Body'),
    ]
    if labelled:
        entries[0]['answer'], entries[1]['answer'] = 'Head nods.', 'A'
    (tmp_path / 'q.json').write_text(json.dumps(entries))
    (tmp_path / 'a.json').write_text(json.dumps(dict(MADU_1='It nods.',
                                                     CMAR_1='A')))
    out = tmp_path / 'out'
    args = [str(tmp_path / 'q.json'), str(tmp_path / 'a.json'), '--out-dir',
            str(out)]
    if not labelled:
        tool().main(args)
        assert 'nothing scored' in capsys.readouterr().out
        assert not (out / 'results.json').exists()
        exported = json.loads((out / 'prediction.json').read_text())
        assert [e['prediction'] for e in exported] == ['It nods.', 'A']
        return
    prompts = tmp_path / 'prompts.jsonl'
    tool().main(args + ['--export-judge-prompts', str(prompts)])
    rows = [json.loads(line) for line in prompts.read_text().splitlines()]
    assert [r['qid'] for r in rows] == ['MADU_1']
    assert 'Ground-truth answer:\nHead nods.' in rows[0]['prompt']
    assert 'Model response:\nIt nods.' in rows[0]['prompt']
    assert not (out / 'results.json').exists()
