"""Every config under configs/ builds, trains one iteration and tests one."""
import glob
import os.path as osp
import pickle

import numpy as np
import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from mmfine.structures import get_layout
from mmfine.testing import ROOT
from mmfine.utils import load_config

CONFIGS = sorted(
    p for p in glob.glob(
        osp.join(ROOT, 'configs', '**', '*.py'), recursive=True)
    if '_base_' not in p)


def inner(dataset_cfg):
    while 'dataset' in dataset_cfg:
        dataset_cfg = dataset_cfg.dataset
    return dataset_cfg


def fake_annotations(cfg, path):
    """Random samples shaped as the config's datasets expect."""
    train = inner(cfg.train_dataloader.dataset)
    test = inner(cfg.test_dataloader.dataset)
    joints = get_layout(train.layout).num_joints
    three_d = any(t.type == 'PreNormalize3D' for t in train.pipeline)
    rng = np.random.default_rng(0)
    annotations, split = [], {train.split: [], test.split: []}
    for i in range(4):
        name = f's{i}'
        sample = dict(
            frame_dir=name,
            label=i % train.get('num_classes', 2),
            total_frames=20,
            img_shape=(100, 100),
            original_shape=(100, 100))
        if three_d:
            sample['keypoint'] = rng.normal(size=(1, 20, joints,
                                                  3)).astype(np.float32)
        else:
            sample['keypoint'] = rng.uniform(
                0, 100, (1, 20, joints, 2)).astype(np.float32)
            sample['keypoint_score'] = np.ones((1, 20, joints), np.float32)
        annotations.append(sample)
        split[train.split if i < 2 else test.split].append(name)
    with open(path, 'wb') as f:
        pickle.dump(dict(annotations=annotations, split=split), f)


def fake_videos(tmp_path, num_classes, count=2):
    """``count`` tiny videos and a list naming them (and a fine list of the
    same videos, ``videos_fine.txt``, one fine class per video)."""
    from mmfine.datasets.synthetic_motion_videos import (render_video,
                                                         write_video)
    rng = np.random.default_rng(0)
    lines = []
    for i in range(count):
        write_video(
            str(tmp_path / f'v{i}.mp4'), render_video(i % 4, 12, 32, rng))
        lines.append(f'v{i}.mp4 {i % num_classes}')
    path = tmp_path / 'videos.txt'
    path.write_text('\n'.join(lines) + '\n')
    (tmp_path / 'videos_fine.txt').write_text(''.join(f'v{i}.mp4 {i}\n'
                                                      for i in range(count)))
    return str(path)


SMALL = dict(
    RandomRescale=dict(scale_range=(32, 40)),
    RandomCrop=dict(size=32),
    CenterCrop=dict(crop_size=32),
    TenCrop=dict(crop_size=32),
    MultiScaleCrop=dict(input_size=32),
    Resize=dict(scale=(-1, 32)))
VIDEO_DATASETS = ('CheckedVideoDataset', 'MicroActionVideoDataset',
                  'MotionTransferDataset')


def shrink_videos(node, ann, root):
    """Point every video dataset at the fake list and make every crop
    32x32."""
    if isinstance(node, dict):
        if node.get('type') in VIDEO_DATASETS:
            node['ann_file'], node['data_prefix'] = ann, dict(video=root)
            if node.get('fine_ann_file'):
                node['fine_ann_file'] = osp.join(root, 'videos_fine.txt')
        if node.get('type') in SMALL:
            node.update(SMALL[node['type']])
            if node['type'] == 'Resize' and node.get('keep_ratio') is False:
                node['scale'] = (32, 32)
        for value in node.values():
            shrink_videos(value, ann, root)
    elif isinstance(node, (list, tuple)):
        for value in node:
            shrink_videos(value, ann, root)


def fake_video_loaders(cfg, tmp_path):
    """Every loader on two fake 32x32 videos."""
    num_classes = cfg.model.cls_head.num_classes
    # a coarse/fine head needs a fine class in every coarse class
    count = num_classes if 'num_fine_classes' in cfg.model.cls_head else 2
    ann = fake_videos(tmp_path, num_classes, count)
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        shrink_videos(cfg[loader], ann, str(tmp_path))
        cfg[loader].num_workers = 0
        cfg[loader].persistent_workers = False
        cfg[loader].batch_size = max(4, count) \
            if loader == 'train_dataloader' else 1  # one iteration


def prepare_video_config(cfg, tmp_path):
    """A tiny backbone and fake videos for a SeFAR config or its
    supervised baseline; the teacher starts at once so the semi-supervised
    step runs."""
    fake_video_loaders(cfg, tmp_path)
    cfg.model.backbone.arch = dict(embed_dims=32, depth=1, num_heads=2)
    cfg.model.backbone.img_size = 32
    cfg.model.backbone.patch_size = 16
    cfg.model.cls_head.in_channels = 32
    if cfg.model.type == 'SeFARRecognizer':
        cfg.model.warmup_epochs = 0
        cfg.train_dataloader.batch_sampler.warmup_epochs = 0
        # the two labelled videos in one batch: an epoch of one iteration
        cfg.train_dataloader.batch_sampler.source_ratio = [1, 1]


def prepare_score_config(cfg, tmp_path):
    """Four fake feature files and a label file in the config's format;
    two videos train, two test."""
    from mmfine.datasets import LABEL_FORMATS
    ds = cfg.train_dataloader.dataset
    dim = ds.feature_dim or 16
    (tmp_path / 'features').mkdir()
    low, high = ds.score_range
    columns = LABEL_FORMATS[ds.label_format]
    for split, names in (('train', ('a', 'b')), ('test', ('c', 'd'))):
        rows = [','.join(columns)]
        for i, name in enumerate(names):
            np.save(tmp_path / 'features' / f'{name}.npy',
                    np.random.rand(3 + i, dim).astype(np.float32))
            score = low + (0.3 + 0.4 * i) * (high - low)
            rows.append(','.join([name] + [str(score)] * (len(columns) - 1)))
        (tmp_path / f'{split}.txt').write_text('\n'.join(rows) + '\n')
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        if cfg[loader] is None:  # a config without validation
            continue
        cfg[loader].num_workers = 0
        cfg[loader].persistent_workers = False
        cfg[loader].batch_size = 2
        cfg[loader].dataset.data_root = str(tmp_path)
        cfg[loader].dataset.ann_file = ('train.txt' if loader
                                        == 'train_dataloader' else 'test.txt')


def test_configs_found():
    assert len(CONFIGS) >= 4


@pytest.mark.parametrize(
    'config', CONFIGS, ids=[osp.relpath(c, ROOT) for c in CONFIGS])
def test_config_trains_and_tests_one_iteration(config, tmp_path, monkeypatch):
    # the Runner logs and dumps the config formatted by yapf, which takes
    # seconds per call for long pipelines: not what this test is about
    monkeypatch.setattr(Config, 'pretty_text',
                        property(lambda self: repr(self.to_dict())))
    cfg = load_config(config)  # top-level settings applied, as tools do
    assert 'mmfine' in cfg.custom_imports['imports']
    if cfg.model.get('backbone', {}).get('type') == \
            'MultiGranularTimeSformer':
        prepare_video_config(cfg, tmp_path)
    elif cfg.model.type in ('Recognizer2D', 'Recognizer3D'):
        fake_video_loaders(cfg, tmp_path)
        cfg.model.backbone.pretrained = None  # no ImageNet weights here
        cfg.model.backbone.pretrained2d = False
    elif cfg.model.type == 'FeatureAssessor':
        prepare_score_config(cfg, tmp_path)
    else:
        ann = str(tmp_path / 'ann.pkl')
        fake_annotations(cfg, ann)
        for loader in ('train_dataloader', 'val_dataloader',
                       'test_dataloader'):
            cfg[loader].num_workers = 0
            cfg[loader].persistent_workers = False
            cfg[loader].batch_size = 2
            inner(cfg[loader].dataset).ann_file = ann
    if 'times' in cfg.train_dataloader.dataset:
        cfg.train_dataloader.dataset.times = 1
    if 'max_epochs' in cfg.train_cfg:
        cfg.train_cfg.max_epochs = 1
    else:
        cfg.train_cfg.max_iters = 1
        cfg.train_cfg.val_interval = 1
    completion = cfg.model.get('completion')
    if completion is not None:  # no bank or pre-trained weights here
        completion.bank_file = None
        if 'completion_checkpoint' in cfg.model:
            cfg.model.completion_checkpoint = None
    cfg.work_dir = str(tmp_path / 'work')
    cfg.log_level = 'WARNING'
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    runner = Runner.from_cfg(cfg)
    runner.train()
    assert runner.iter == 1
    metrics = runner.test()
    if cfg.model.type == 'SkeletonCompletionModel':
        assert metrics['restore/MPJPE'] >= 0
    elif cfg.model.type == 'FeatureAssessor':
        assert -1 <= metrics['aqa/srcc'] <= 1 and metrics['aqa/rl2'] >= 0
    elif 'ma52/f1_mean' in metrics:
        assert 0 <= metrics['ma52/f1_mean'] <= 1
    elif 'transfer/coarse_top1' in metrics:
        assert 0 <= metrics['transfer/coarse_top1'] <= 100
    else:
        assert 0 <= metrics['acc/top1'] <= 1
