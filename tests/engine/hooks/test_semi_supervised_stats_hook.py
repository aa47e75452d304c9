"""SemiSupervisedStatsHook: per-epoch means of the logged statistics over
the iterations that carry them, and over every rank under DDP."""
from types import SimpleNamespace
from unittest import mock

import pytest
import torch

from mmfine.engine.hooks import SemiSupervisedStatsHook


def fake_runner():
    scalars, logged = {}, []
    return SimpleNamespace(
        epoch=2,
        message_hub=SimpleNamespace(
            update_scalar=lambda k, v: scalars.__setitem__(k, v)),
        visualizer=SimpleNamespace(add_scalars=lambda d, step: None),
        logger=SimpleNamespace(info=logged.append),
        scalars=scalars,
        logged=logged)


def run_epoch(hook, runner, outputs):
    hook.before_train_epoch(runner)
    for i, out in enumerate(outputs):
        hook.after_train_iter(runner, i, outputs=out)
    hook.after_train_epoch(runner)


def test_means_over_the_iterations_that_log_each_key():
    runner, hook = fake_runner(), SemiSupervisedStatsHook()
    run_epoch(hook, runner, [
        dict(loss=torch.tensor(1.0)),  # a warm-up iteration: no statistics
        dict(ar_weight=torch.tensor(0.2), pseudo_acc=torch.tensor(0.5)),
        dict(ar_weight=torch.tensor(0.4)),
    ])
    assert runner.scalars == pytest.approx({
        'train/epoch_ar_weight': 0.3,
        'train/epoch_pseudo_acc': 0.5
    })
    assert 'epoch 3 semi-supervised' in runner.logged[0]


def test_every_rank_counts():
    """Rank 0 saw ar_weight 0.2 once; another rank saw 0.5 and 0.8: the
    mean is over the three, not rank 0's 0.2."""
    other = torch.tensor([[1.3, 0, 0, 0], [2, 0, 0, 0]], dtype=torch.float64)

    def add_other_rank(totals):
        totals += other

    runner, hook = fake_runner(), SemiSupervisedStatsHook()
    with mock.patch(
            'mmfine.engine.hooks.semi_supervised_stats_hook.all_reduce',
            add_other_rank):
        run_epoch(hook, runner, [dict(ar_weight=torch.tensor(0.2))])
    assert runner.scalars['train/epoch_ar_weight'] == pytest.approx(0.5)


def test_an_epoch_without_statistics_logs_nothing():
    runner, hook = fake_runner(), SemiSupervisedStatsHook()
    run_epoch(hook, runner, [dict(loss=torch.tensor(1.0))])
    assert runner.scalars == {} and runner.logged == []
