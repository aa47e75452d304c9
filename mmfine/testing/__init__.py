"""Helpers for mmfine's tests: paths, real-data skips, fresh interpreters,
tiny datasets, configs and models the tests build in seconds."""
import os
import os.path as osp
import subprocess
import sys
import textwrap

import pytest
import torch

from mmfine.utils.paths import REPO_ROOT as ROOT
from mmfine.utils.paths import shared_data_dir

SHARED_DATA = shared_data_dir()


def shared_dataset(name: str) -> str:
    """Path of a real dataset; skips the test when it is absent."""
    path = osp.join(SHARED_DATA, name)
    if not osp.isdir(path):
        pytest.skip(f'real dataset {name!r} not found at {path} (set '
                    'MMFINE_SHARED_DATA to the shared data folder)')
    return path


def run_python(code: str, timeout: int = 300, env: dict = None):
    """Run ``code`` in a fresh interpreter; return the CompletedProcess."""
    full_env = dict(os.environ, PYTHONWARNINGS='ignore')
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, '-c', textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env)


def tiny_skeleton_data(path: str,
                       train_per_class: int = 2,
                       test_per_class: int = 1) -> str:
    """Write a small copy of the embedded dataset to ``path``."""
    from mmfine.datasets.synthetic_fine_skeleton import make_dataset
    from mmfine.utils import dump_pickle_atomic
    dump_pickle_atomic(make_dataset(train_per_class, test_per_class), path)
    return path


DEMO_CONFIG = osp.join(ROOT, 'configs', 'demo',
                       'stgcn_1xb32-10e_fine-skeleton-coco17-2d.py')


def tiny_demo_cfg(work_dir: str, ann_file: str, epochs: int = 2):
    """The demo config shrunk to seconds: tiny data, batch 8, no repeats."""
    from mmengine.config import Config
    cfg = Config.fromfile(DEMO_CONFIG)
    cfg.work_dir = str(work_dir)
    cfg.log_level = 'WARNING'
    cfg.train_dataloader.batch_size = 8
    cfg.train_dataloader.dataset.times = 1
    cfg.train_dataloader.dataset.dataset.ann_file = ann_file
    for split in ('val', 'test'):
        cfg[f'{split}_dataloader'].dataset.ann_file = ann_file
    cfg.train_cfg.max_epochs = epochs
    cfg.train_cfg.val_interval = epochs
    return cfg


#: a two-block, 32-wide ViT for SeFAR's backbone tests
TINY_VIT = dict(embed_dims=32, depth=2, num_heads=2)


def tiny_timesformer(**kwargs):
    """A seeded ``MultiGranularTimeSformer`` on 16x16 frames, 8x8 patches."""
    from mmfine.models import MultiGranularTimeSformer
    torch.manual_seed(0)
    return MultiGranularTimeSformer(
        arch=TINY_VIT, img_size=16, patch_size=8, **kwargs)
