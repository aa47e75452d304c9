"""Helpers for mmfine's tests: paths, real-data skips, fresh interpreters,
tiny datasets, configs and models the tests build in seconds."""
import os
import os.path as osp
import pickle
import subprocess
import sys
import textwrap

import numpy as np
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


def import_tool(path: str):
    """The module of a script under ``tools/`` (e.g. ``'data/foo.py'``),
    imported from its file so its ``main(argv)`` can be called."""
    import importlib.util
    full = osp.join(ROOT, 'tools', path)
    name = osp.splitext(osp.basename(path))[0]
    spec = importlib.util.spec_from_file_location(name, full)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def sampled(total=60, clips=10, clip_len=16, name='v0', test_mode=True):
    """A sample through MMAction2's UniformSampleFrames + PoseDecode; frame
    ``i`` of the timeline has coordinates ``i + 1``."""
    from mmaction.datasets.transforms import PoseDecode, UniformSampleFrames
    kp = np.arange(1, total + 1, dtype=np.float32)[None, :, None, None]
    results = dict(
        keypoint=np.broadcast_to(kp, (1, total, 17, 2)).copy(),
        keypoint_score=np.ones((1, total, 17), np.float32),
        total_frames=total,
        frame_dir=name,
        start_index=0)
    results = UniformSampleFrames(
        clip_len, clips, test_mode=test_mode)(
            results)
    return PoseDecode()(results)


def check_converted(data, num_classes, sizes):
    """Assert that a converter's output (``mmfine.datasets.converters``) has
    the split ``sizes``, unique sample names, valid annotations of all
    ``num_classes`` classes and Kinect v1's joint order."""
    from mmfine.datasets.pose_annotation_check import pose_annotation_problems
    from mmfine.structures import get_layout
    kinect = get_layout('kinect_v1_20')
    assert {k: len(v) for k, v in data['split'].items()} == sizes
    names = [a['frame_dir'] for a in data['annotations']]
    assert len(set(names)) == len(names)
    for ann in data['annotations']:
        assert pose_annotation_problems(ann, num_classes, 20) == []
    assert sorted({a['label'] for a in data['annotations']}) == \
        list(range(num_classes))
    # the joint order is Kinect v1's: the head is above the feet and the
    # pelvis in (nearly) every frame
    kp = np.concatenate([a['keypoint'][0] for a in data['annotations']])
    y = kp[..., 1]
    head, pelvis = kinect.index('head'), kinect.index('pelvis')
    feet = [kinect.index('left_foot'), kinect.index('right_foot')]
    assert np.mean(y[:, head] > y[:, pelvis]) > 0.97
    assert np.mean(y[:, head] > y[:, feet].max(1)) > 0.97


def write_bank(path,
               layout='coco17',
               joints=17,
               window=8,
               n=20,
               ids=None,
               windows=None):
    """Write a skeleton bank pickle for ``ContextAwareCompletion(bank_file=
    ...)`` to ``path`` (``n`` random 2D windows unless ``windows`` is given,
    sample ids ``0, 1, ...`` unless ``ids`` is); return the windows."""
    if windows is None:
        windows = np.random.default_rng(0).normal(size=(n, window, joints, 2))
    ids = list(range(len(windows))) if ids is None else ids
    with open(path, 'wb') as f:
        pickle.dump(
            dict(
                windows=windows.astype(np.float32),
                layout=layout,
                num_joints=joints,
                coord_dims=2,
                window=window,
                sample_ids=np.asarray(ids, np.int64)), f)
    return windows


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


def tiny_transfer_options(data_dir: str) -> dict:
    """``cfg_options`` that point a demo transferability config at the
    generated videos in ``data_dir`` (set 1's lists) and train one epoch
    in the main process."""
    options = {
        'train_cfg.max_epochs': 1,
        'train_cfg.val_interval': 1,
        'default_hooks.checkpoint.interval': 1,
    }
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        split = 'train' if loader == 'train_dataloader' else 'val'
        options.update({
            f'{loader}.dataset.ann_file':
            f'{data_dir}/{split}_set1_coarse.txt',
            f'{loader}.dataset.fine_ann_file':
            f'{data_dir}/{split}_set1_fine.txt',
            f'{loader}.dataset.data_prefix': dict(video=data_dir),
            f'{loader}.num_workers': 0,
            f'{loader}.persistent_workers': False,
        })
    return options
