"""A tqdm progress bar over the whole training run."""
from mmengine.dist import is_main_process
from mmengine.hooks import Hook

from mmaction.registry import HOOKS


@HOOKS.register_module()
class ProgressBarHook(Hook):
    """One progress bar for training (iterations, loss, last validation
    metric) and one per test/validation pass, on the main process only.
    Useful with ``log_level='WARNING'`` for quiet runs.

    Args:
        metric (str): Validation metric shown next to the bar. Defaults to
            ``'acc/top1'``.
    """

    priority = 'LOW'

    def __init__(self, metric: str = 'acc/top1') -> None:
        self.metric = metric
        self._bar = None
        self._eval_bar = None
        self._postfix = {}

    def before_train(self, runner) -> None:
        if is_main_process():
            from tqdm import tqdm
            self._bar = tqdm(
                total=runner.max_iters,
                initial=runner.iter,
                desc='train',
                unit='it',
                dynamic_ncols=True)

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        if self._bar is None:
            return
        if outputs and 'loss' in outputs:
            self._postfix['loss'] = f"{float(outputs['loss'].detach()):.3f}"
        self._postfix['epoch'] = runner.epoch + 1
        self._bar.set_postfix(self._postfix, refresh=False)
        self._bar.update(1)

    def after_val_epoch(self, runner, metrics=None) -> None:
        if self._bar is not None and metrics and self.metric in metrics:
            self._postfix[self.metric] = f'{metrics[self.metric]:.3f}'
            self._bar.set_postfix(self._postfix)

    def after_train(self, runner) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _open_eval_bar(self, runner, loader, mode: str) -> None:
        if is_main_process():
            from tqdm import tqdm
            self._eval_bar = tqdm(
                total=len(loader),
                desc=mode,
                unit='batch',
                leave=False,
                dynamic_ncols=True)

    def _step_eval_bar(self) -> None:
        if self._eval_bar is not None:
            self._eval_bar.update(1)

    def _close_eval_bar(self) -> None:
        if self._eval_bar is not None:
            self._eval_bar.close()
            self._eval_bar = None

    def before_val_epoch(self, runner) -> None:
        self._open_eval_bar(runner, runner.val_dataloader, 'val')

    def after_val_iter(self,
                       runner,
                       batch_idx,
                       data_batch=None,
                       outputs=None) -> None:
        self._step_eval_bar()

    def after_val(self, runner) -> None:
        self._close_eval_bar()

    def before_test_epoch(self, runner) -> None:
        self._open_eval_bar(runner, runner.test_dataloader, 'test')

    def after_test_iter(self,
                        runner,
                        batch_idx,
                        data_batch=None,
                        outputs=None) -> None:
        self._step_eval_bar()

    def after_test(self, runner) -> None:
        self._close_eval_bar()
