"""Score a model's answers to MA-Bench questions: closed tasks by
normalised answers, open tasks by an LLM judge; one table per task, the
final score (mean of the 12 sub-scores) and a bar chart.

    python tools/analysis/mabench_eval.py QUESTIONS.json ANSWERS.json
        [--judge-url URL --judge-model gpt-4o | --judge-replies FILE]
        [--cache work_dirs/mabench/judge_cache.jsonl]
        [--out-dir work_dirs/mabench] [--export-judge-prompts FILE]

ANSWERS.json maps ``qid`` to the model's raw answer. Without a judge only
the closed tasks are scored. The judge's replies are cached as they
arrive, by question, prompt and judge (a rerun asks only what is
missing; a reply that does not parse stops the run, naming the question,
and is asked again on the rerun). Writes ``prediction.json`` (the
answers, for submission) to ``--out-dir`` first, then, when the questions
have reference answers, ``results.json`` and ``scores.png``.
``--export-judge-prompts`` writes the open tasks' judge prompts as JSON
lines (``qid``, ``task``, ``prompt``) for replies produced elsewhere
(read back with ``--judge-replies``).
"""
import argparse
import json
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from rich.console import Console

from mmfine.evaluation.mabench import (FileJudge, JudgeRequestError,
                                       OpenAIJudge, load_mabench,
                                       open_task_prompts)
from mmfine.evaluation.mabench.evaluation import (evaluate_answers,
                                                  results_table)
from mmfine.evaluation.mabench.report import export_predictions, results_figure
from mmfine.utils import atomic_write_bytes


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('questions')
    parser.add_argument('answers')
    judge = parser.add_mutually_exclusive_group()
    judge.add_argument('--judge-url', help='OpenAI-compatible base URL')
    judge.add_argument('--judge-replies', help='judge replies made elsewhere')
    parser.add_argument('--judge-model', default='gpt-4o')
    parser.add_argument('--cache', help='judge reply cache (JSON lines)')
    parser.add_argument('--out-dir', default='work_dirs/mabench')
    parser.add_argument(
        '--export-judge-prompts',
        metavar='FILE',
        help='write the open tasks\' judge prompts (JSON lines) and stop')
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        questions = load_mabench(args.questions)
        with open(args.answers) as f:
            answers = json.load(f)
        if not isinstance(answers, dict):
            raise ValueError(f'{args.answers}: expected {{qid: answer}}')
        export_predictions(questions, answers,
                           osp.join(args.out_dir, 'prediction.json'))
        if args.export_judge_prompts:
            rows = open_task_prompts(questions, answers)
            atomic_write_bytes(
                ''.join(json.dumps(r) + '\n' for r in rows).encode(),
                args.export_judge_prompts)
            print(f'{len(rows)} judge prompts: {args.export_judge_prompts}')
            return
        if all(q.answer is None for q in questions):
            print('the questions carry no reference answers: prediction.json '
                  f'written to {args.out_dir}, nothing scored')
            return
        judge = None
        if args.judge_url:
            judge = OpenAIJudge(args.judge_url, args.judge_model)
        elif args.judge_replies:
            judge = FileJudge(args.judge_replies)
        results = evaluate_answers(
            questions, answers, judge, args.cache
            or osp.join(args.out_dir, 'judge_cache.jsonl'))
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(f'error: {error}')
    except JudgeRequestError as error:
        raise SystemExit(f'error: {error}; the replies received so far are '
                         'cached')
    Console(width=100).print(
        results_table(questions, results,
                      f'MA-Bench: {osp.basename(args.answers)}'))
    atomic_write_bytes(
        json.dumps(results, indent=1).encode(),
        osp.join(args.out_dir, 'results.json'))
    results_figure(results['sub_scores'], osp.basename(args.answers)).savefig(
        osp.join(args.out_dir, 'scores.png'))
    print(f'results, scores.png, prediction.json: {args.out_dir}')


if __name__ == '__main__':
    main()
