"""LLM-as-judge scoring of MA-Bench's open tasks (MADU, MARE): the judge
prompt, pluggable judges (an OpenAI-compatible HTTP endpoint, or replies
produced elsewhere and read from a file), a resumable cache of replies and
parsing of the three 0-5 level scores."""
import hashlib
import json
import math
import os
import os.path as osp
import re
import time
import urllib.error
import urllib.request
import warnings
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .judge_prompts import JUDGE_PROMPTS
from .questions import OPEN_TASKS

LEVELS = ('L1_score', 'L2_score', 'L3_score')


class JudgeReplyError(ValueError):
    """A judge reply without three integer scores in [0, 5]."""


class JudgeRequestError(RuntimeError):
    """The judge could not be reached, or kept failing, after the
    retries (the replies received so far stay in the cache)."""


def judge_prompt(task: str, question: str, reference: str, answer: str) -> str:
    """The paper's judge prompt for ``task`` with the question, the
    ground-truth answer and the model's answer, asking for JSON."""
    if task not in JUDGE_PROMPTS:
        raise KeyError(f'no judge prompt for task {task!r}; open tasks: '
                       f'{OPEN_TASKS}')
    return (f'{JUDGE_PROMPTS[task]}\n\nQuestion:\n{question}\n\n'
            f'Ground-truth answer:\n{reference}\n\nModel response:\n'
            f'{answer}\n\nReply with JSON only: {{"L1_score": <0-5>, '
            f'"L2_score": <0-5>, "L3_score": <0-5>}}')


def parse_judge_scores(reply: str) -> Tuple[int, int, int]:
    """``(L1, L2, L3)`` from a judge reply: a JSON object (possibly inside
    a code fence or prose) or ``L1_score: 4``-style lines.

    Raises:
        JudgeReplyError: A score is missing, not an integer or outside
            [0, 5]; the message quotes the reply.
    """
    if not isinstance(reply, str):
        raise JudgeReplyError(f'judge reply is not text: {reply!r}')
    found = {}
    for match in re.finditer(r'\{[^{}]*\}', reply):
        try:
            obj = json.loads(match.group())
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and all(k in obj for k in LEVELS):
            found = obj
            break
    if not found:
        for key in LEVELS:
            # a number, or 'N/5'; a range ('3-4') or another fraction is
            # ambiguous and read as no score
            m = re.search(
                rf'{key}["\']?\s*[:=]\s*["\']?(-?[\d.]+)(?![\d.])'
                rf'(\s*/\s*5(?![\d.]))?(?!\s*[-/]\s*\d)', reply)
            if m:
                found[key] = m.group(1)
            elif re.search(rf'{key}["\']?\s*[:=]', reply):
                raise JudgeReplyError(
                    f'{key} is not one score in [0, 5] (a range, or a '
                    f'fraction of other than 5?): {reply[:300]!r}')
    scores = []
    for key in LEVELS:
        if key not in found:
            raise JudgeReplyError(f'judge reply lacks {key}: {reply[:300]!r}')
        value = found[key]
        try:
            if isinstance(value, bool):
                raise TypeError
            number = float(value)
        except (TypeError, ValueError):
            raise JudgeReplyError(f'{key} is not a number in judge reply '
                                  f'{reply[:300]!r}') from None
        if not math.isfinite(number) or number != int(number) or \
                not 0 <= number <= 5:
            raise JudgeReplyError(f'{key} = {value!r} is not an integer in '
                                  f'[0, 5]: {reply[:300]!r}')
        scores.append(int(number))
    return tuple(scores)


class OpenAIJudge:
    """An OpenAI-compatible chat-completions endpoint (OpenAI, vLLM,
    llama.cpp's server, ...), retried with exponential back-off on HTTP 429
    and 5xx and on connection errors.

    Args:
        base_url (str): E.g. ``https://api.openai.com/v1``.
        model (str): E.g. ``'gpt-4o'`` (the paper's judge).
        api_key (str, optional): Defaults to ``$OPENAI_API_KEY``.
        timeout (float): Seconds per request. Defaults to 120.
        max_retries (int): Retries after the first try. Defaults to 5.
        backoff (float): First wait in seconds, doubled each retry.
            Defaults to 2.
        sleep (callable): How to wait (tests pass a fake). Defaults to
            ``time.sleep``.
    """

    def __init__(self,
                 base_url: str,
                 model: str,
                 api_key: Optional[str] = None,
                 timeout: float = 120.0,
                 max_retries: int = 5,
                 backoff: float = 2.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = base_url.rstrip('/') + '/chat/completions'
        self.model = model
        self.api_key = api_key if api_key is not None else os.environ.get(
            'OPENAI_API_KEY')
        self.timeout, self.max_retries = timeout, max_retries
        self.backoff, self.sleep = backoff, sleep
        self.name = f'{model} at {self.url}'

    def reply(self, qid: str, prompt: str) -> str:
        """The judge's reply to ``prompt`` (``qid`` is not sent)."""
        return self(prompt)

    def __call__(self, prompt: str) -> str:
        body = json.dumps(
            dict(
                model=self.model,
                temperature=0,
                messages=[dict(role='user', content=prompt)])).encode()
        headers = {'Content-Type': 'application/json'}
        if self.api_key:
            headers['Authorization'] = f'Bearer {self.api_key}'
        for attempt in range(self.max_retries + 1):
            request = urllib.request.Request(self.url, body, headers)
            try:
                with urllib.request.urlopen(
                        request, timeout=self.timeout) as response:
                    reply = json.loads(response.read())
                return reply['choices'][0]['message']['content']
            except urllib.error.HTTPError as error:
                retry = error.code == 429 or error.code >= 500
                problem = f'HTTP {error.code} from {self.url}'
            except (urllib.error.URLError, TimeoutError,
                    ConnectionError) as error:
                retry, problem = True, f'{self.url}: {error}'
            except (KeyError, IndexError, TypeError,
                    json.JSONDecodeError) as error:
                raise JudgeReplyError(f'{self.url} answered without '
                                      f'choices[0].message.content '
                                      f'({error!r})') from None
            if not retry:
                raise JudgeRequestError(f'judge request failed: {problem} '
                                        '(not retried: check the URL, the '
                                        'model name and the API key)')
            if attempt == self.max_retries:
                raise JudgeRequestError(f'judge request failed: {problem} '
                                        f'(after {attempt + 1} tries; rerun '
                                        'to go on)')
            self.sleep(self.backoff * 2**attempt)


class FileJudge:
    """Replies produced elsewhere: a JSON object ``{qid: reply}`` or JSON
    lines ``{"qid": ..., "reply": ...}`` (a file of one such line is one
    reply); asked by ``qid``. The replies judge one set of answers: the
    prompts to send are what ``mabench_eval.py --export-judge-prompts``
    writes for those answers."""

    def __init__(self, path: str) -> None:
        with open(path) as f:
            text = f.read()
        try:
            replies = json.loads(text)
        except json.JSONDecodeError:
            replies = None
        # JSON lines, or a file of one line (an object holding a reply)
        if replies is None or isinstance(replies, dict) and \
                {'qid', 'reply'} <= set(replies):
            replies = self._read_lines(path, text)
        if not isinstance(replies, dict):
            raise ValueError(f'{path}: expected {{qid: reply}} or JSON lines')
        self.path, self.replies = path, replies
        # the content, not only the path: a file made again is a new judge
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        self.name = f'replies in {osp.abspath(path)} ({digest})'

    @staticmethod
    def _read_lines(path: str, text: str) -> Dict[str, str]:
        replies = {}
        for line_no, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                replies[row['qid']] = row['reply']
            except (json.JSONDecodeError, KeyError, TypeError):
                raise ValueError(f'{path}, line {line_no}: not '
                                 '{"qid": ..., "reply": ...}') from None
        return replies

    def reply(self, qid: str, prompt: str) -> str:
        """The stored reply for ``qid`` (it was asked elsewhere with the
        same prompt)."""
        if qid not in self.replies:
            raise KeyError(f'{self.path} holds no judge reply for {qid}')
        return self.replies[qid]


class JudgeCache:
    """Judge replies kept in a JSON-lines file, one line per reply as soon
    as it arrives, keyed by ``qid``, a hash of the prompt (a changed answer
    is judged again) and the judge's name (another judge or model is asked
    again): an interrupted run loses nothing."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.replies: Dict[Tuple[str, str, str], str] = {}
        unnamed = 0
        if osp.exists(path):
            with open(path) as f:
                for line in f:
                    try:
                        row = json.loads(line)
                        if 'judge' not in row:  # an older cache's row
                            unnamed += 1
                            continue
                        self.replies[row['qid'], row['prompt'],
                                     row['judge']] = row['reply']
                    except (json.JSONDecodeError, KeyError, TypeError):
                        continue  # a line cut by an interruption
        if unnamed:
            warnings.warn(
                f'{path}: {unnamed} cached replies do not name their judge '
                '(written before judges were recorded) and are not reused; '
                'they are asked again')
        folder = osp.dirname(osp.abspath(path))
        os.makedirs(folder, exist_ok=True)

    @staticmethod
    def key(prompt: str) -> str:
        return hashlib.sha256(prompt.encode()).hexdigest()[:16]

    def get(self, qid: str, prompt: str, judge: str) -> Optional[str]:
        return self.replies.get((qid, self.key(prompt), judge))

    def put(self, qid: str, prompt: str, judge: str, reply: str) -> None:
        self.replies[qid, self.key(prompt), judge] = reply
        line = json.dumps(
            dict(qid=qid, prompt=self.key(prompt), judge=judge,
                 reply=reply)) + '\n'
        with open(self.path, 'a+b') as f:
            f.seek(0, os.SEEK_END)
            if f.tell():  # after a line cut by an interruption: a new line
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b'\n':
                    line = '\n' + line
            f.write(line.encode())
            f.flush()
            os.fsync(f.fileno())


def open_task_prompts(questions: Sequence,
                      predictions: Mapping[str, str]) -> List[Dict[str, str]]:
    """``{"qid", "task", "prompt"}`` for each open-task question: what a
    judge is asked about ``predictions`` (a missing answer is empty), for
    users who have the replies produced elsewhere (``FileJudge``)."""
    rows = []
    for q in questions:
        if q.task not in OPEN_TASKS:
            continue
        if q.answer is None:
            raise ValueError(f'{q.qid}: no reference answer to judge with')
        rows.append(
            dict(
                qid=q.qid,
                task=q.task,
                prompt=judge_prompt(q.task, q.question, q.answer,
                                    predictions.get(q.qid, ''))))
    return rows


def judge_open_answers(questions: Sequence,
                       predictions: Mapping[str, str],
                       judge,
                       cache_path: Optional[str] = None,
                       progress: bool = True) -> Dict[str, List[float]]:
    """Mean L1, L2, L3 scores (0-5) per open task.

    Args:
        questions (Sequence[MABenchQuestion]): With reference answers.
        predictions (Mapping[str, str]): ``qid`` -> the model's answer (a
            missing one is judged as an empty answer).
        judge: An ``OpenAIJudge`` or a ``FileJudge`` (anything with
            ``reply(qid, prompt) -> str``; its ``name``, when it has one,
            keys the cache).
        cache_path (str, optional): JSON-lines cache of replies; replies
            found there are not asked again.
        progress (bool): Show a progress bar. Defaults to True.
    """
    from tqdm import tqdm
    cache = JudgeCache(cache_path) if cache_path else None
    name = getattr(judge, 'name', type(judge).__name__)
    scores: Dict[str, List[Tuple[int, int, int]]] = {}
    todo = open_task_prompts(questions, predictions)
    for row in tqdm(todo, desc='judge', unit='answer', disable=not progress):
        qid, prompt = row['qid'], row['prompt']
        cached = cache.get(qid, prompt, name) if cache else None
        reply = cached
        if reply is None:
            reply = judge.reply(qid, prompt)
        try:
            scores.setdefault(row['task'], []).append(
                parse_judge_scores(reply))
        except JudgeReplyError as error:
            raise JudgeReplyError(f'{qid}: {error}') from None
        if cache and cached is None:  # only replies that parse are kept
            cache.put(qid, prompt, name, reply)
    return {
        task: [sum(s[i] for s in rows) / len(rows) for i in range(3)]
        for task, rows in scores.items()
    }
