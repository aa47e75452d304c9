from types import SimpleNamespace
from unittest import mock

import pytest
import torch
from mmengine.optim import OptimWrapper

from mmfine.engine.hooks import LabeledClipsPerStepHook


def fake_runner(model, batch_size=8, num_labeled=None, accumulative=1):
    loader = SimpleNamespace(
        batch_size=None if num_labeled else batch_size,
        batch_sampler=SimpleNamespace(num_labeled=num_labeled)
        if num_labeled else None)
    wrapper = OptimWrapper(
        torch.optim.SGD(model.parameters(), lr=0.5),
        accumulative_counts=accumulative)
    return SimpleNamespace(
        train_dataloader=loader,
        optim_wrapper=wrapper,
        model=model,
        iter=0,
        max_iters=100)


def linear():
    torch.manual_seed(0)
    return torch.nn.Linear(3, 1)


@pytest.mark.parametrize('world, num_labeled, batch_size, counts',
                         [(1, None, 8, 8), (2, 2, None, 16), (8, 2, None, 4),
                          (8, None, 8, 1)])
def test_accumulation_reaches_the_clips_per_step(world, num_labeled,
                                                 batch_size, counts):
    runner = fake_runner(linear(), batch_size, num_labeled)
    with mock.patch(
            'mmfine.engine.hooks.labeled_clips_per_step_hook.get_world_size',
            return_value=world):
        LabeledClipsPerStepHook(64).before_train(runner)
    assert runner.optim_wrapper._accumulative_counts == counts


def test_accumulated_step_equals_one_step_on_all_the_clips():
    """4 iterations of 2 labelled clips make one optimizer step that is the
    step of one batch of the 8 clips."""
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    accumulated, whole = linear(), linear()
    runner = fake_runner(accumulated, num_labeled=2)
    LabeledClipsPerStepHook(8).before_train(runner)
    for i in range(4):
        xi, yi = x[2 * i:2 * i + 2], y[2 * i:2 * i + 2]
        runner.optim_wrapper.update_params(
            torch.nn.functional.mse_loss(accumulated(xi), yi))
    optim = torch.optim.SGD(whole.parameters(), lr=0.5)
    torch.nn.functional.mse_loss(whole(x), y).backward()
    optim.step()
    torch.testing.assert_close(accumulated.weight, whole.weight)
    torch.testing.assert_close(accumulated.bias, whole.bias)


def test_unreachable_or_conflicting_steps_are_refused():
    with pytest.raises(ValueError, match='multiple of 8'):
        LabeledClipsPerStepHook(12).before_train(fake_runner(linear()))
    with pytest.raises(ValueError, match='keep one of them'):
        LabeledClipsPerStepHook(64).before_train(
            fake_runner(linear(), accumulative=2))
    with pytest.raises(ValueError, match='positive'):
        LabeledClipsPerStepHook(0)
    runner = fake_runner(linear())
    runner.train_dataloader.batch_size = None  # a foreign batch sampler
    with pytest.raises(TypeError, match='cannot count the labelled clips'):
        LabeledClipsPerStepHook(64).before_train(runner)


@pytest.mark.parametrize('sampler, model, differ', [
    ((5, None), (5, None), False),
    ((0, 40), (5, 40), False),  # iterations rule where set
    ((5, None), (6, None), True),
    ((5, None), (5, 40), True),
    ((0, 30), (0, 40), True),
])
def test_the_samplers_and_the_models_warmups_must_agree(
        sampler, model, differ):
    net = linear()
    net.warmup_epochs, net.warmup_iters = model
    runner = fake_runner(net, num_labeled=2)
    runner.train_dataloader.batch_sampler.warmup_epochs = sampler[0]
    runner.train_dataloader.batch_sampler.warmup_iters = sampler[1]
    hook = LabeledClipsPerStepHook(8)
    if differ:
        with pytest.raises(ValueError, match='batch_sampler.*differs'):
            hook.before_train(runner)
    else:
        hook.before_train(runner)
