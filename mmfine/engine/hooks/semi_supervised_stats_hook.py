"""Per-epoch statistics of semi-supervised training."""
from collections import defaultdict
from typing import Dict, Optional

import torch
from mmengine.dist import all_reduce
from mmengine.hooks import Hook

from mmaction.registry import HOOKS


@HOOKS.register_module()
class SemiSupervisedStatsHook(Hook):
    """Average, over each training epoch, what ``SeFARRecognizer`` logs per
    iteration: the Adaptive Regulation weight (``ar_weight``), the
    teacher's confidence (``teacher_conf``) and spread
    (``teacher_spread``) and, when the unlabelled list carries true labels,
    the pseudo-label accuracy (``pseudo_acc``); log them in one line and
    as ``train/epoch_<key>`` scalars (visualiser backends, TensorBoard).
    Iterations of the supervised warm-up carry none and are not counted;
    under DDP the sums and counts of every rank are added before the means
    are taken.
    """

    priority = 'BELOW_NORMAL'
    KEYS = ('ar_weight', 'teacher_conf', 'teacher_spread', 'pseudo_acc')

    def before_train_epoch(self, runner) -> None:
        self._sums: Dict[str, float] = defaultdict(float)
        self._counts: Dict[str, int] = defaultdict(int)

    def after_train_iter(self,
                         runner,
                         batch_idx: int,
                         data_batch=None,
                         outputs: Optional[Dict] = None) -> None:
        for key in self.KEYS:
            if outputs and key in outputs:
                self._sums[key] += float(outputs[key])
                self._counts[key] += 1

    def after_train_epoch(self, runner) -> None:
        totals = torch.tensor(
            [[self._sums[k] for k in self.KEYS],
             [float(self._counts[k]) for k in self.KEYS]],
            dtype=torch.float64)
        all_reduce(totals)  # sums over the ranks (a no-op on one)
        means = {
            key: float(totals[0, i] / totals[1, i])
            for i, key in enumerate(self.KEYS) if totals[1, i] > 0
        }
        if not means:
            return
        for key, value in means.items():
            runner.message_hub.update_scalar(f'train/epoch_{key}', value)
        runner.visualizer.add_scalars(
            {
                f'epoch_{k}': v
                for k, v in means.items()
            }, step=runner.epoch + 1)
        runner.logger.info(f'epoch {runner.epoch + 1} semi-supervised: ' +
                           ', '.join(f'{k} {v:.4f}' for k, v in means.items()))
