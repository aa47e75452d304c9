"""MA-52's metrics (seed 004; METHODS.md section 5): the body-level label
of each of the 52 micro-actions, micro- and macro-F1, and F1_mean."""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

#: MA-52's seven body-level classes, each with the first action id of its
#: range (0-4 Body, 5-10 Head, 11-23 Upper limb, 24-31 Lower limb, 32-37
#: Body-hand, 38-47 Head-hand, 48-51 Leg-hand)
MA52_BODY_CLASSES = ('body', 'head', 'upper limb', 'lower limb', 'body-hand',
                     'head-hand', 'leg-hand')
MA52_BODY_STARTS = (0, 5, 11, 24, 32, 38, 48)
MA52_NUM_ACTIONS = 52


def ma52_body_label(action) -> np.ndarray:
    """Body-level labels of MA-52 action ids (scalar or array)."""
    action = np.asarray(action)
    if action.size and (action.min() < 0
                        or action.max() >= MA52_NUM_ACTIONS):
        raise ValueError(f'MA-52 action ids lie in [0, 52), got '
                         f'[{action.min()}, {action.max()}]')
    return np.searchsorted(MA52_BODY_STARTS, action, side='right') - 1


def f1_scores(pred: Sequence[int], gt: Sequence[int]) -> Tuple[float, float]:
    """``(micro-F1, macro-F1)`` of single-label predictions. Micro-F1 of
    one label per sample is the accuracy; macro-F1 averages the per-class
    F1 over the classes in ``gt`` or ``pred`` (a class never predicted
    scores 0), as scikit-learn's ``f1_score`` does."""
    pred, gt = np.asarray(pred), np.asarray(gt)
    if pred.shape != gt.shape or pred.ndim != 1 or not len(gt):
        raise ValueError(f'pred and gt must be equal-length 1-D label '
                         f'arrays, got {pred.shape} and {gt.shape}')
    micro = float((pred == gt).mean())
    scores = []
    for c in np.union1d(pred, gt):
        tp = np.sum((pred == c) & (gt == c))
        denominator = np.sum(pred == c) + np.sum(gt == c)
        scores.append(2 * tp / denominator)
    return micro, float(np.mean(scores))


def f1_mean(action_pred: Sequence[int],
            action_gt: Sequence[int],
            body_pred: Optional[Sequence[int]] = None) -> Dict[str, float]:
    """MA-52's F1_mean: the mean of micro- and macro-F1 on the actions and
    on the body labels. ``body_pred`` defaults to the body labels of the
    predicted actions (a hierarchical head gives its own).

    Returns:
        dict: ``action_micro_f1``, ``action_macro_f1``, ``body_micro_f1``,
        ``body_macro_f1`` and ``f1_mean``.
    """
    action_gt = np.asarray(action_gt)
    if body_pred is None:
        body_pred = ma52_body_label(action_pred)
    a_micro, a_macro = f1_scores(action_pred, action_gt)
    b_micro, b_macro = f1_scores(body_pred, ma52_body_label(action_gt))
    return dict(
        action_micro_f1=a_micro,
        action_macro_f1=a_macro,
        body_micro_f1=b_micro,
        body_macro_f1=b_macro,
        f1_mean=float(np.mean([a_micro, a_macro, b_micro, b_macro])))
