import random

import numpy as np
import pytest
import torch
from mmengine.hooks import Hook
from mmengine.runner import Runner

from mmaction.registry import HOOKS
from mmfine.engine.hooks.random_state_hook import (capture_random_state,
                                                   restore_random_state)
from mmfine.testing import tiny_demo_cfg, tiny_skeleton_data


class SimulatedCrash(RuntimeError):
    pass


@HOOKS.register_module(force=True)
class CrashAfterEpoch(Hook):
    """Kills training once the checkpoint of ``epoch`` is written."""
    priority = 'LOWEST'

    def __init__(self, epoch):
        self.epoch = epoch

    def after_train_epoch(self, runner):
        if runner.epoch == self.epoch:
            raise SimulatedCrash


def test_capture_restore_round_trip():
    state = capture_random_state()
    expected = (random.random(), np.random.rand(), torch.rand(1).item())
    restore_random_state(state)
    assert (random.random(), np.random.rand(), torch.rand(1).item()) == \
        expected


def _train(work_dir, ann, with_hook, crash_after=None, resume=False):
    cfg = tiny_demo_cfg(work_dir, ann, epochs=3)
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.custom_hooks = [dict(type='RandomStateHook')] if with_hook else []
    if crash_after:
        cfg.custom_hooks.append(dict(type='CrashAfterEpoch',
                                     epoch=crash_after))
    cfg.resume = resume
    runner = Runner.from_cfg(cfg)
    runner.train()
    return {k: v.clone() for k, v in runner.model.state_dict().items()}, \
        runner


@pytest.mark.parametrize('with_hook', [True, False])
def test_resume_continues_exactly(tmp_path, with_hook):
    ann = tiny_skeleton_data(str(tmp_path / 'data.pkl'))
    straight, _ = _train(tmp_path / 'straight', ann, with_hook)
    with pytest.raises(SimulatedCrash):
        _train(tmp_path / 'stopped', ann, with_hook, crash_after=1)
    resumed, runner = _train(tmp_path / 'stopped', ann, with_hook,
                             resume=True)
    assert runner.epoch == 3 and runner.iter == 9
    same = all(torch.equal(straight[k], resumed[k]) for k in straight)
    # without the hook the resumed run draws other random frames
    assert same is with_hook
