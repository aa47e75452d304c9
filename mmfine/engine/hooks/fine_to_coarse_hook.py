"""Gives a coarse/fine head the class hierarchy of its training set."""
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from mmaction.registry import HOOKS


def innermost_dataset(dataset):
    """The dataset inside wrappers such as ``RepeatDataset``."""
    while hasattr(dataset, 'dataset'):
        dataset = dataset.dataset
    if hasattr(dataset, 'datasets'):
        raise ValueError(
            f'FineToCoarseHook reads one training set; got a '
            f'{type(dataset).__name__} of {len(dataset.datasets)}: train '
            'the coarse/fine head on one set, or give the head '
            'fine_to_coarse in the config')
    return dataset


@HOOKS.register_module()
class FineToCoarseHook(Hook):
    """Before training, sets ``model.cls_head``'s ``fine_to_coarse`` (a
    ``CoarseFineHead``) from the training set's lists
    (``MotionTransferDataset.fine_to_coarse``), so configs need not spell
    out the hierarchy of each set. A mapping the head already has (from the
    config or a resumed checkpoint) must agree with the lists."""

    priority = 'HIGH'

    def before_train(self, runner) -> None:
        dataset = innermost_dataset(runner.train_dataloader.dataset)
        mapping = list(getattr(dataset, 'fine_to_coarse', []))
        if not mapping:
            raise ValueError(
                f'FineToCoarseHook needs a training set with fine labels '
                f'(MotionTransferDataset with fine_ann_file), got '
                f'{type(dataset).__name__}')
        model = runner.model.module if is_model_wrapper(
            runner.model) else runner.model
        head = model.cls_head
        current = head.fine_to_coarse.tolist()
        if any(c >= 0 for c in current):  # from the config or a checkpoint
            if current != mapping + [-1] * (len(current) - len(mapping)):
                raise ValueError(
                    f"the head's fine_to_coarse {current} disagrees with the "
                    f'training lists {mapping}')
            return
        head.set_fine_to_coarse(mapping)
