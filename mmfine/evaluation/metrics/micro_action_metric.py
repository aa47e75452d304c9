"""MA-52's evaluation as an MMAction2 metric."""
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric

from mmaction.registry import METRICS
from ..functional.micro_action import (MA52_BODY_STARTS, MA52_NUM_ACTIONS,
                                       f1_mean, ma52_body_label)


def body_scores_from_actions(action_scores: np.ndarray) -> np.ndarray:
    """``(N, 7)`` body scores: the softmax probabilities of each body
    class's actions, summed."""
    logits = action_scores - action_scores.max(1, keepdims=True)
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    bodies = ma52_body_label(np.arange(MA52_NUM_ACTIONS))
    return np.stack([
        probs[:, bodies == b].sum(1) for b in range(len(MA52_BODY_STARTS))
    ], 1)


def top_k(scores: np.ndarray, gt: np.ndarray, k: int) -> float:
    return float(
        (np.argsort(-scores, 1)[:, :k] == gt[:, None]).any(1).mean())


def write_predictions(path: str, vids: Sequence[str], scores: np.ndarray,
                      body_scores: np.ndarray) -> None:
    """The MA-52 challenge's ``prediction.csv`` (atomically)."""
    from mmfine.utils import atomic_write_bytes
    header = ['vid'] + [f'action_pred_{k}' for k in range(1, 6)] + \
        [f'body_pred_{k}' for k in range(1, 6)]
    lines = [','.join(header)]
    for vid, score, body in zip(vids, scores, body_scores):
        best = list(np.argsort(-score)[:5]) + list(np.argsort(-body)[:5])
        lines.append(','.join([vid] + [str(int(b)) for b in best]))
    atomic_write_bytes(('\n'.join(lines) + '\n').encode(), path)


@METRICS.register_module()
class MicroActionMetric(BaseMetric):
    """MA-52: top-1 / top-5 accuracy of the 52 actions and of the 7 body
    classes, micro- and macro-F1 of both, and F1_mean (their mean; the
    challenge's ranking score), from each sample's ``pred_score`` (52) and
    ``gt_label``. A hierarchical head's own body scores
    (``pred_body_score``, 7) are used when present; otherwise body scores
    are the summed probabilities of each body class's actions.

    Args:
        prediction_file (str, optional): Also write the challenge's
            ``prediction.csv``: ``vid,action_pred_1..5,body_pred_1..5``,
            the five best actions and bodies of each video (``vid`` is the
            video's file name, from ``filename`` or the MA-52 dataset's
            ``video_id``, or the skeleton's ``frame_dir``).
        **kwargs: ``BaseMetric``'s ``collect_device`` and ``prefix``.
    """
    default_prefix = 'ma52'

    def __init__(self, prediction_file: Optional[str] = None, **kwargs):
        super().__init__(**kwargs)
        self.prediction_file = prediction_file

    def process(self, data_batch, data_samples: Sequence[Dict]) -> None:
        for sample in data_samples:
            score = np.asarray(sample['pred_score'], np.float64).ravel()
            if score.shape != (MA52_NUM_ACTIONS, ):
                raise ValueError(f'MicroActionMetric needs 52 action scores '
                                 f'per sample, got {score.shape}')
            body = sample.get('pred_body_score')
            vid = (sample.get('filename') or sample.get('frame_dir')
                   or sample.get('video_id') or '')
            if self.prediction_file and not vid:
                raise ValueError(
                    'MicroActionMetric writes prediction.csv by video, but a '
                    "sample has no 'filename', 'frame_dir' or 'video_id' "
                    "(MicroActionVideoDataset sets 'video_id'; with another "
                    "dataset add 'filename' or 'frame_dir' to "
                    "PackActionInputs' meta_keys in the test pipeline)")
            self.results.append(
                dict(
                    vid=osp.basename(str(vid)),
                    score=score,
                    body=None if body is None else np.asarray(
                        body, np.float64).ravel(),
                    gt=int(np.asarray(sample['gt_label']).ravel()[0])))

    def compute_metrics(self, results) -> Dict[str, float]:
        scores = np.stack([r['score'] for r in results])
        gt = np.array([r['gt'] for r in results])
        if all(r['body'] is not None for r in results):
            body_scores = np.stack([r['body'] for r in results])
        else:
            body_scores = body_scores_from_actions(scores)
        body_gt = ma52_body_label(gt)
        f1 = f1_mean(scores.argmax(1), gt, body_scores.argmax(1))
        if self.prediction_file:
            write_predictions(self.prediction_file,
                              [r['vid'] for r in results], scores,
                              body_scores)
        return dict(
            action_top1=top_k(scores, gt, 1),
            action_top5=top_k(scores, gt, 5),
            body_top1=top_k(body_scores, body_gt, 1),
            body_top5=top_k(body_scores, body_gt, 5),
            **f1)
