"""MA-Bench question answering (seed 004): questions, answer
normalisation and scoring."""
from .answers import normalise_choice, normalise_yes_no, parse_options
from .judge import (FileJudge, JudgeCache, JudgeReplyError, JudgeRequestError,
                    OpenAIJudge, judge_open_answers, judge_prompt,
                    open_task_prompts, parse_judge_scores)
from .questions import (CHOICE_TASKS, CLOSED_TASKS, OPEN_TASKS, TASKS,
                        YES_NO_TASKS, MABenchQuestion, load_mabench)
from .scoring import final_score, score_closed

__all__ = [
    'normalise_choice', 'normalise_yes_no', 'parse_options', 'CHOICE_TASKS',
    'CLOSED_TASKS', 'OPEN_TASKS', 'TASKS', 'YES_NO_TASKS', 'MABenchQuestion',
    'load_mabench', 'final_score', 'score_closed', 'FileJudge', 'JudgeCache',
    'JudgeReplyError', 'JudgeRequestError', 'OpenAIJudge',
    'judge_open_answers', 'judge_prompt', 'open_task_prompts',
    'parse_judge_scores'
]
