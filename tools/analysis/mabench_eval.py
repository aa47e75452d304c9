"""Score a model's answers to MA-Bench questions: closed tasks by
normalised answers, open tasks by an LLM judge; one table per task, the
final score (mean of the 12 sub-scores) and a bar chart.

    python tools/analysis/mabench_eval.py QUESTIONS.json ANSWERS.json
        [--judge-url URL --judge-model gpt-4o | --judge-replies FILE]
        [--cache work_dirs/mabench/judge_cache.jsonl]
        [--out-dir work_dirs/mabench]

ANSWERS.json maps ``qid`` to the model's raw answer. Without a judge only
the closed tasks are scored. The judge's replies are cached as they
arrive (a rerun asks only what is missing). Writes ``results.json``,
``scores.png`` and ``prediction.json`` (the answers, for submission) to
``--out-dir``.
"""
import argparse
import json
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from rich.console import Console

from mmfine.evaluation.mabench import (FileJudge, JudgeRequestError,
                                       OpenAIJudge, load_mabench)
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
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        questions = load_mabench(args.questions)
        with open(args.answers) as f:
            answers = json.load(f)
        if not isinstance(answers, dict):
            raise ValueError(f'{args.answers}: expected {{qid: answer}}')
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
    export_predictions(questions, answers,
                       osp.join(args.out_dir, 'prediction.json'))
    print(f'results, scores.png, prediction.json: {args.out_dir}')


if __name__ == '__main__':
    main()
