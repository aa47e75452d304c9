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


def check_warmups(batch_sampler, model) -> None:
    """Raise ``ValueError`` unless a batch sampler and a model that both
    have a supervised warm-up have the same one: ``warmup_iters`` where
    either sets it, else ``warmup_epochs``."""

    def warmup(owner):
        if owner.warmup_iters is not None:
            return f'warmup_iters={owner.warmup_iters}'
        return f'warmup_epochs={owner.warmup_epochs}'

    keys = ('warmup_epochs', 'warmup_iters')
    if not all(hasattr(batch_sampler, k) and hasattr(model, k) for k in keys):
        return
    if warmup(batch_sampler) != warmup(model):
        raise ValueError(
            f'the batch sampler\'s warm-up ({warmup(batch_sampler)}, '
            'train_dataloader.batch_sampler) differs from the model\'s '
            f'({warmup(model)}, model); set both to the same value')


@HOOKS.register_module()
class LabeledClipsPerStepHook(Hook):
    """Sets the optimizer wrapper's ``accumulative_counts`` so that every
    optimizer step sees ``clips`` labelled clips over all ranks:
    ``clips = world_size x labelled clips per batch x accumulative_counts``
    (SeFAR's authors: 64 labelled + 192 unlabelled clips per step).

    With it an SeFAR run (2 labelled + 6 unlabelled clips per batch) and
    its supervised-only baseline (8 labelled clips per batch) take the same
    labelled clips per step and, an epoch being one pass over the labelled
    set in both, the same number of steps, on any number of GPUs.

    Before training it also checks that a ``SemiSupervisedBatchSampler``'s
    supervised warm-up (labelled-only batches) is the model's
    (``SeFARRecognizer.warmup_epochs`` / ``warmup_iters``): otherwise
    unlabelled clips would be decoded for nothing, or the model would get
    labelled-only batches after its warm-up.

    Args:
        clips (int): Labelled clips per optimizer step over all ranks.
            Defaults to 64.

    Raises:
        ValueError: ``clips`` is not a multiple of the labelled clips one
            iteration takes over all ranks, the config also sets another
            ``accumulative_counts``, or the sampler's and the model's
            warm-ups differ.
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
        check_warmups(runner.train_dataloader.batch_sampler, model)
        print_log(
            f'{self.clips} labelled clips per optimizer step: {world_size} '
            f'rank(s) x {per_batch} per batch x {counts} accumulated '
            'iterations',
            logger='current')
