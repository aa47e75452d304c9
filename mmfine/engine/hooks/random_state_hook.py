"""Save and restore the global random generators with each checkpoint."""
import random

import numpy as np
import torch
from mmengine.hooks import Hook

from mmaction.registry import HOOKS

KEY = 'random_state'


def capture_random_state() -> dict:
    state = dict(
        python=random.getstate(),
        numpy=np.random.get_state(),
        torch=torch.get_rng_state())
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def restore_random_state(state: dict) -> None:
    version, internal, gauss = state['python']
    random.setstate((version, tuple(internal), gauss))
    np.random.set_state(state['numpy'])
    torch.set_rng_state(state['torch'])
    if 'cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state['cuda'])


@HOOKS.register_module()
class RandomStateHook(Hook):
    """Makes ``--resume`` continue with the random state of the stopped run.

    mmengine restores the iteration, optimizer, schedulers and seed, but not
    the state the Python, numpy and torch generators had reached, so a
    resumed run draws other augmentations and dropout masks than the
    uninterrupted one. This hook stores that state in every checkpoint and
    restores it right before training continues (after mmengine's own
    re-seeding). Exact for data randomness drawn in the main process
    (``num_workers=0``) and in workers re-created each epoch; persistent
    workers restart from their initial seeds.
    """

    priority = 'VERY_LOW'

    def __init__(self) -> None:
        self._pending = None

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint[KEY] = capture_random_state()

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        self._pending = checkpoint.get(KEY)

    def before_train(self, runner) -> None:
        if self._pending is not None:
            restore_random_state(self._pending)
            self._pending = None
