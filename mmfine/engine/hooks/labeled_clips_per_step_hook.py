"""A fixed number of labelled clips per optimizer step, reached by gradient
accumulation."""
from mmengine.dist import get_world_size
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper

from mmaction.registry import HOOKS


def labeled_clips_per_batch(dataloader) -> int:
    """Labelled clips in one batch of one rank: the semi-supervised batch
    sampler's labelled share, or the whole batch of a supervised loader."""
    count = getattr(dataloader.batch_sampler, 'num_labeled',
                    None) or dataloader.batch_size
    if not count:
        raise TypeError(
            f'LabeledClipsPerStepHook cannot count the labelled clips of a '
            f'batch: the loader has neither a fixed batch_size nor a '
            f'SemiSupervisedBatchSampler (batch_sampler '
            f'{type(dataloader.batch_sampler).__name__})')
    return count


@HOOKS.register_module()
class LabeledClipsPerStepHook(Hook):
    """Sets the optimizer wrapper's ``accumulative_counts`` so that every
    optimizer step sees ``clips`` labelled clips over all ranks:
    ``clips = world_size x labelled clips per batch x accumulative_counts``
    (SeFAR's authors: 64 labelled + 192 unlabelled clips per step).

    With it an SeFAR run (2 labelled + 6 unlabelled clips per batch) and
    its supervised-only baseline (8 labelled clips per batch) take the same
    labelled clips per step and, an epoch being one pass over the labelled
    set in both, the same number of steps, on any number of GPUs. A model
    with an EMA teacher (``teacher_update_interval``, ``SeFARRecognizer``)
    updates it once per step, not once per accumulated iteration.

    Args:
        clips (int): Labelled clips per optimizer step over all ranks.
            Defaults to 64.

    Raises:
        ValueError: ``clips`` is not a multiple of the labelled clips one
            iteration takes over all ranks, or the config also sets
            another ``accumulative_counts``.
    """

    priority = 'VERY_HIGH'

    def __init__(self, clips: int = 64) -> None:
        if clips < 1:
            raise ValueError(f'clips must be positive, got {clips}')
        self.clips = clips

    def before_train(self, runner) -> None:
        per_batch = labeled_clips_per_batch(runner.train_dataloader)
        world_size = get_world_size()
        per_iter = per_batch * world_size
        if self.clips % per_iter:
            raise ValueError(
                f'{self.clips} labelled clips per optimizer step cannot be '
                f'reached with {world_size} rank(s) x {per_batch} labelled '
                f'clips per batch: choose clips (LabeledClipsPerStepHook) as '
                f'a multiple of {per_iter}, or another batch size')
        counts = self.clips // per_iter
        wrapper = runner.optim_wrapper
        if not hasattr(wrapper, '_accumulative_counts'):
            raise TypeError(f'LabeledClipsPerStepHook needs one OptimWrapper, '
                            f'got {type(wrapper).__name__}')
        configured = wrapper._accumulative_counts
        if configured not in (1, counts):
            raise ValueError(
                f'optim_wrapper.accumulative_counts={configured} and '
                f'LabeledClipsPerStepHook(clips={self.clips}) ask for '
                f'different steps ({counts} accumulated iterations); keep '
                'one of them')
        wrapper._accumulative_counts = counts
        wrapper.initialize_count_status(runner.model, runner.iter,
                                        runner.max_iters)
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        if hasattr(model, 'teacher_update_interval'):  # SeFAR's EMA teacher
            model.teacher_update_interval = counts
        print_log(
            f'{self.clips} labelled clips per optimizer step: {world_size} '
            f'rank(s) x {per_batch} per batch x {counts} accumulated '
            'iterations',
            logger='current')
