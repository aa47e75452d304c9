"""mmengine 0.10.7's distributed start-up assumes CUDA.

``init_dist`` calls ``torch.cuda.set_device`` and configs default to ``nccl``;
the Runner wraps models in DDP with ``device_ids=[LOCAL_RANK]``, which torch
rejects for CPU modules. Without CUDA, ``init_dist`` switches to ``gloo`` and
skips ``set_device``, and ``MMDistributedDataParallel`` drops ``device_ids``
for CPU modules. With CUDA nothing changes.
"""
import contextlib
import functools
import importlib

import torch

PATCHED_MODULES = ('mmengine.dist.utils', 'mmengine.dist',
                   'mmengine.runner.runner')
_MARK = '_mmfine_cpu_distributed'


@contextlib.contextmanager
def _no_cuda_set_device():
    original = torch.cuda.set_device
    torch.cuda.set_device = lambda device: None
    try:
        yield
    finally:
        torch.cuda.set_device = original


def cpu_init_dist(original):

    @functools.wraps(original)
    def init_dist(launcher, backend='nccl', init_backend='torch', **kwargs):
        if torch.cuda.is_available():
            return original(launcher, backend, init_backend, **kwargs)
        if backend == 'nccl':
            backend = 'gloo'
        with _no_cuda_set_device():
            return original(launcher, backend, init_backend, **kwargs)

    setattr(init_dist, _MARK, True)
    return init_dist


def cpu_ddp_init(original):

    @functools.wraps(original)
    def __init__(self, module, *args, **kwargs):
        params = list(module.parameters())
        on_cpu = params and all(p.device.type == 'cpu' for p in params)
        if on_cpu:
            kwargs.pop('device_ids', None)
            kwargs.pop('output_device', None)
        original(self, module, *args, **kwargs)

    setattr(__init__, _MARK, True)
    return __init__


def apply() -> bool:
    if torch.cuda.is_available():
        return False
    from mmengine.dist import utils as dist_utils
    from mmengine.model import MMDistributedDataParallel
    if getattr(dist_utils.init_dist, _MARK, False):
        return False
    patched = cpu_init_dist(dist_utils.init_dist)
    for name in PATCHED_MODULES:
        module = importlib.import_module(name)
        module.init_dist = patched
    MMDistributedDataParallel.__init__ = cpu_ddp_init(
        MMDistributedDataParallel.__init__)
    return True
