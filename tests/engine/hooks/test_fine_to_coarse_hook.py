"""FineToCoarseHook gives the head its training set's hierarchy, through
dataset wrappers, and refuses one that contradicts the head's."""
from types import SimpleNamespace

import pytest

from mmfine.engine.hooks import FineToCoarseHook
from mmfine.models.utils import CoarseFineHead


def runner_with(dataset, head):
    model = SimpleNamespace(cls_head=head)
    return SimpleNamespace(
        model=model, train_dataloader=SimpleNamespace(dataset=dataset))


def test_the_head_gets_the_lists_hierarchy_through_wrappers():
    head = CoarseFineHead(2, 4, 5)
    inner = SimpleNamespace(fine_to_coarse=[1, 0, 1])
    wrapped = SimpleNamespace(dataset=SimpleNamespace(dataset=inner))
    FineToCoarseHook().before_train(runner_with(wrapped, head))
    assert head.fine_to_coarse.tolist() == [1, 0, 1, -1, -1]
    # resumed with the same hierarchy: accepted as it is
    FineToCoarseHook().before_train(runner_with(inner, head))
    assert head.fine_to_coarse.tolist() == [1, 0, 1, -1, -1]


def test_a_contradicting_or_missing_hierarchy_is_an_error():
    head = CoarseFineHead(2, 4, 5, fine_to_coarse=[0, 1])
    with pytest.raises(ValueError, match='disagrees'):
        FineToCoarseHook().before_train(
            runner_with(SimpleNamespace(fine_to_coarse=[1, 0]), head))
    with pytest.raises(ValueError, match='MotionTransferDataset'):
        FineToCoarseHook().before_train(
            runner_with(SimpleNamespace(), CoarseFineHead(2, 4, 5)))
    concat = SimpleNamespace(datasets=[SimpleNamespace(), SimpleNamespace()])
    with pytest.raises(ValueError, match='ConcatDataset|of 2'):
        FineToCoarseHook().before_train(
            runner_with(concat, CoarseFineHead(2, 4, 5)))
