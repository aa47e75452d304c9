"""MA-52's evaluation as an MMAction2 metric."""
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric

from mmaction.registry import METRICS
from ..functional.micro_action import (MA52_NUM_ACTIONS, f1_mean,
                                       ma52_body_label)
from .host_array import host_array


def top_k(ranked: np.ndarray, gt: np.ndarray, k: int) -> float:
    """The share of rows of ``ranked`` (best first) with ``gt`` in their
    first ``k``."""
    return float((ranked[:, :k] == gt[:, None]).any(1).mean())


def write_predictions(path: str, vids: Sequence[str], actions: np.ndarray,
                      bodies: np.ndarray) -> None:
    """The MA-52 challenge's ``prediction.csv`` (atomically) from each
    video's five best actions and their body labels."""
    from mmfine.utils import atomic_write_bytes
    header = ['vid'] + [f'action_pred_{k}' for k in range(1, 6)] + \
        [f'body_pred_{k}' for k in range(1, 6)]
    lines = [','.join(header)]
    for vid, action, body in zip(vids, actions, bodies):
        lines.append(','.join([vid] + [str(int(b)) for b in (*action, *body)]))
    atomic_write_bytes(('\n'.join(lines) + '\n').encode(), path)


@METRICS.register_module()
class MicroActionMetric(BaseMetric):
    """MA-52: top-1 / top-5 accuracy of the 52 actions and of the 7 body
    classes, micro- and macro-F1 of both, and F1_mean (their mean; the
    challenge's ranking score), all fractions in [0, 1] as MMAction2's
    accuracies (the paper gives %), from each sample's ``pred_score`` (52) and
    ``gt_label``. The body predictions are the body labels of the ranked
    actions (MA-52's evaluation: F1 on the body labels derived from the
    predicted action), so body top-5 asks whether the true body is among the
    bodies of the five best actions; a hierarchical head's marginal
    ``pred_body_score`` (whose argmax can differ when the action
    probability is spread over a body's actions) is not used.

    Args:
        prediction_file (str, optional): Also write the challenge's
            ``prediction.csv``: ``vid,action_pred_1..5,body_pred_1..5``,
            the five best actions of each video and their body labels
            (repeats kept; ``vid`` is the
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
            score = host_array(sample['pred_score'], np.float64).ravel()
            if score.shape != (MA52_NUM_ACTIONS, ):
                raise ValueError(f'MicroActionMetric needs 52 action scores '
                                 f'per sample, got {score.shape}')
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
                    gt=int(host_array(sample['gt_label']).ravel()[0])))

    def compute_metrics(self, results) -> Dict[str, float]:
        actions = np.argsort(
            -np.stack([r['score'] for r in results]), 1,
            kind='stable')[:, :5]  # ties: the lower id first, as argmax
        bodies = ma52_body_label(actions)
        gt = np.array([r['gt'] for r in results])
        body_gt = ma52_body_label(gt)
        if self.prediction_file:
            write_predictions(self.prediction_file,
                              [r['vid'] for r in results], actions, bodies)
        return dict(
            action_top1=top_k(actions, gt, 1),
            action_top5=top_k(actions, gt, 5),
            body_top1=top_k(bodies, body_gt, 1),
            body_top5=top_k(bodies, body_gt, 5),
            **f1_mean(actions[:, 0], gt, bodies[:, 0]))
