"""The MA-Bench judge: score parsing with clear errors, the
OpenAI-compatible client against a small server on 127.0.0.1 (retries on
HTTP errors), the resumable cache, replies read from a file."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from mmfine.evaluation.mabench import (FileJudge, JudgeReplyError,
                                       MABenchQuestion, OpenAIJudge,
                                       judge_open_answers, judge_prompt,
                                       open_task_prompts, parse_judge_scores)

QUESTIONS = [
    MABenchQuestion('MADU_1', 'MADU', 'v1.mp4', 'Describe.', 'Head nods.'),
    MABenchQuestion('MADU_2', 'MADU', 'v2.mp4', 'Describe.', 'Hand waves.'),
    MABenchQuestion('MARE_1', 'MARE', 'v3.mp4', 'Reason.', 'Bowing.'),
    MABenchQuestion('CMAR_1', 'CMAR', 'v4.mp4', 'Which?\nA. Head', 'A'),
]


@pytest.mark.parametrize('reply, scores', [
    ('{"L1_score": 4, "L2_score": 3, "L3_score": 5}', (4, 3, 5)),
    ('```json\n{"L1_score": 0, "L2_score": 5, "L3_score": 2}\n```',
     (0, 5, 2)),
    ('Scores -> L1_score: 3\nL2_score: 3\nL3_score=1', (3, 3, 1)),
    ('{"L1_score": "4", "L2_score": 4.0, "L3_score": 4}', (4, 4, 4)),
    ('L1_score: 4/5, L2_score: 3 / 5, L3_score: 5/5', (4, 3, 5)),
])
def test_parse_scores(reply, scores):
    assert parse_judge_scores(reply) == scores


@pytest.mark.parametrize('reply, message', [
    ('{"L1_score": 4, "L2_score": 3}', 'lacks L3_score'),
    ('{"L1_score": 6, "L2_score": 3, "L3_score": 1}', r'\[0, 5\]'),
    ('{"L1_score": 2.5, "L2_score": 3, "L3_score": 1}', 'integer'),
    ('I cannot judge this.', 'lacks L1_score'),
    (None, 'not text'),
    ('{"L1_score": true, "L2_score": 3, "L3_score": 1}', 'not a number'),
    ('{"L1_score": NaN, "L2_score": 3, "L3_score": 1}', 'integer'),
    ('{"L1_score": Infinity, "L2_score": 3, "L3_score": 1}', 'integer'),
    ('L1_score: 3-4, L2_score: 3, L3_score: 1', 'L1_score is not one'),
    ('L1_score: 4/10, L2_score: 3, L3_score: 1', 'L1_score is not one'),
    ('L1_score: 10/10, L2_score: 3, L3_score: 1', 'L1_score is not one'),
    ('L1_score: 12-15, L2_score: 3, L3_score: 1', 'L1_score is not one'),
    ('L1_score: 4.5-5, L2_score: 3, L3_score: 1', 'L1_score is not one'),
])
def test_malformed_replies_are_clear_errors(reply, message):
    with pytest.raises(JudgeReplyError, match=message):
        parse_judge_scores(reply)


class FakeOpenAI(BaseHTTPRequestHandler):
    """Answers /v1/chat/completions; the first ``fail`` requests get HTTP
    ``status`` (503). The score depends on the model answer in the
    prompt."""
    fail = 0
    status = 503
    requests = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        FakeOpenAI.requests.append((self.path, body, self.headers))
        if FakeOpenAI.fail > 0:
            FakeOpenAI.fail -= 1
            self.send_response(FakeOpenAI.status)
            self.end_headers()
            return
        prompt = body['messages'][0]['content']
        good = 'GOOD' in prompt.split('Model response:')[1]
        level = 5 if good else 1
        content = json.dumps(dict(L1_score=level, L2_score=level,
                                  L3_score=level - 1))
        reply = json.dumps(dict(choices=[dict(message=dict(
            role='assistant', content=content))])).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    FakeOpenAI.fail, FakeOpenAI.requests = 0, []
    httpd = HTTPServer(('127.0.0.1', 0), FakeOpenAI)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{httpd.server_port}/v1'
    httpd.shutdown()


def test_http_judge_retries_caches_and_resumes(server, tmp_path):
    waits = []
    judge = OpenAIJudge(server, 'gpt-4o', api_key='k', backoff=0.5,
                        sleep=waits.append)
    FakeOpenAI.fail = 2  # two 503s, then answers
    predictions = dict(MADU_1='GOOD answer', MADU_2='bad', MARE_1='GOOD')
    cache = str(tmp_path / 'judge.jsonl')
    result = judge_open_answers(QUESTIONS, predictions, judge, cache,
                                progress=False)
    assert waits == [0.5, 1.0]  # exponential back-off
    assert result == dict(MADU=[3.0, 3.0, 2.0], MARE=[5.0, 5.0, 4.0])
    path, body, headers = FakeOpenAI.requests[-1]
    assert path == '/v1/chat/completions' and body['model'] == 'gpt-4o'
    assert headers['Authorization'] == 'Bearer k'
    assert 'Micro-Action Reasoning and Explanation' in \
        body['messages'][0]['content']
    # a second run asks nothing: every reply is in the cache
    asked = len(FakeOpenAI.requests)
    again = judge_open_answers(QUESTIONS, predictions, judge, cache,
                               progress=False)
    assert again == result and len(FakeOpenAI.requests) == asked
    # a changed answer is judged again, the others come from the cache
    predictions['MADU_2'] = 'GOOD now'
    judge_open_answers(QUESTIONS, predictions, judge, cache, progress=False)
    assert len(FakeOpenAI.requests) == asked + 1
    # an interrupted run: a truncated last line is ignored, not fatal, and
    # the next reply is not glued onto it
    with open(cache, 'a') as f:
        f.write('{"qid": "MADU_1", "pro')
    judge_open_answers(QUESTIONS, predictions, judge, cache, progress=False)
    assert len(FakeOpenAI.requests) == asked + 1
    predictions['MARE_1'] = 'GOOD again'
    judge_open_answers(QUESTIONS, predictions, judge, cache, progress=False)
    judge_open_answers(QUESTIONS, predictions, judge, cache, progress=False)
    assert len(FakeOpenAI.requests) == asked + 2
    # another model is another judge: asked again, not served its replies
    other = OpenAIJudge(server, 'gpt-4o-mini', api_key='k')
    judge_open_answers(QUESTIONS, predictions, other, cache, progress=False)
    assert len(FakeOpenAI.requests) == asked + 5
    assert FakeOpenAI.requests[-1][1]['model'] == 'gpt-4o-mini'


def test_http_judge_gives_up_with_the_reason(server):
    judge = OpenAIJudge(server, 'm', max_retries=1, sleep=lambda s: None)
    FakeOpenAI.fail = 5
    with pytest.raises(RuntimeError, match='HTTP 503.*after 2 tries'):
        judge('prompt')
    dead = OpenAIJudge('http://127.0.0.1:9/v1', 'm', max_retries=0,
                       timeout=2)
    with pytest.raises(RuntimeError, match='judge request failed'):
        dead('prompt')
    # a refused request (bad key, model or URL) is not retried
    FakeOpenAI.fail, FakeOpenAI.status = 3, 401
    sent = len(FakeOpenAI.requests)
    with pytest.raises(RuntimeError, match='HTTP 401.*not retried'):
        judge('prompt')
    assert len(FakeOpenAI.requests) == sent + 1
    FakeOpenAI.fail, FakeOpenAI.status = 0, 503


def test_file_judge_and_bad_files(tmp_path):
    replies = {
        'MADU_1': '{"L1_score": 2, "L2_score": 2, "L3_score": 2}',
        'MADU_2': 'L1_score: 4, L2_score: 4, L3_score: 4',
        'MARE_1': '{"L1_score": 1, "L2_score": 0, "L3_score": 3}'
    }
    path = tmp_path / 'replies.jsonl'
    path.write_text('\n'.join(
        json.dumps(dict(qid=k, reply=v)) for k, v in replies.items()))
    result = judge_open_answers(QUESTIONS, {}, FileJudge(str(path)),
                                progress=False)
    assert result == dict(MADU=[3.0, 3.0, 3.0], MARE=[1.0, 0.0, 3.0])
    # a file of one JSON line is one reply, not a {qid: reply} object,
    # also with more fields (an exported prompt row with its reply)
    (tmp_path / 'one.jsonl').write_text(
        json.dumps(dict(qid='MADU_1', task='MADU', reply=replies['MADU_1'])) +
        '\n')
    assert FileJudge(str(tmp_path / 'one.jsonl')).replies == {
        'MADU_1': replies['MADU_1']
    }
    (tmp_path / 'bad.jsonl').write_text('{"qid": "x"}\n{"qid": "y"}\n')
    with pytest.raises(ValueError, match='line 1'):
        FileJudge(str(tmp_path / 'bad.jsonl'))
    (tmp_path / 'partial.json').write_text(json.dumps(
        dict(MADU_1=replies['MADU_1'])))
    with pytest.raises(KeyError, match='MADU_2'):
        judge_open_answers(QUESTIONS, {}, FileJudge(
            str(tmp_path / 'partial.json')), progress=False)
    (tmp_path / 'wrong.json').write_text(json.dumps(
        dict(MADU_1='no scores', MADU_2='x', MARE_1='x')))
    with pytest.raises(JudgeReplyError, match='MADU_1'):
        judge_open_answers(QUESTIONS, {}, FileJudge(
            str(tmp_path / 'wrong.json')), progress=False)
    with pytest.raises(KeyError, match='open tasks'):
        judge_prompt('CMAR', 'q', 'a', 'b')


def test_open_task_prompts_are_what_the_judge_is_asked(server):
    predictions = dict(MADU_1='GOOD answer', MARE_1='bad')
    rows = open_task_prompts(QUESTIONS, predictions)
    expected = [('MADU_1', 'MADU'), ('MADU_2', 'MADU'), ('MARE_1', 'MARE')]
    assert [(r['qid'], r['task']) for r in rows] == expected
    sent = len(FakeOpenAI.requests)
    judge_open_answers(QUESTIONS, predictions, OpenAIJudge(server, 'm'),
                       progress=False)
    asked = [b['messages'][0]['content']
             for _, b, _ in FakeOpenAI.requests[sent:]]
    assert asked == [r['prompt'] for r in rows]
    assert 'Model response:\nGOOD answer' in rows[0]['prompt']


def test_cache_rows_without_a_judge_are_asked_again(tmp_path):
    """A cache written before replies named their judge: its rows are not
    served (their judge is unknown), with a warning, and asked again."""
    replies = tmp_path / 'replies.json'
    full = '{"L1_score": 5, "L2_score": 5, "L3_score": 5}'
    replies.write_text(json.dumps(dict(MADU_1=full, MADU_2=full,
                                       MARE_1=full)))
    cache = tmp_path / 'cache.jsonl'
    old = dict(qid='MADU_1', prompt='0' * 16, reply='{"L1_score": 0, '
               '"L2_score": 0, "L3_score": 0}')
    cache.write_text(json.dumps(old) + '\n')
    with pytest.warns(UserWarning, match='1 cached replies do not name'):
        result = judge_open_answers(QUESTIONS, {}, FileJudge(str(replies)),
                                    str(cache), progress=False)
    assert result == dict(MADU=[5.0, 5.0, 5.0], MARE=[5.0, 5.0, 5.0])
    # the same path with other replies is another judge: not served stale
    replies.write_text(replies.read_text().replace('5', '4'))
    with pytest.warns(UserWarning):
        again = judge_open_answers(QUESTIONS, {}, FileJudge(str(replies)),
                                   str(cache), progress=False)
    assert again == dict(MADU=[4.0, 4.0, 4.0], MARE=[4.0, 4.0, 4.0])
