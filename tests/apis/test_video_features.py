import os
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config

from mmfine.apis.video_features import export_video_features
from mmfine.datasets.synthetic_motion_videos import render_video, write_video
from mmfine.testing import ROOT, import_tool
from mmfine.utils import load_config
from tests.apis.test_clip_features import MEAN, STD, TINY_3D, saved_model

CONFIG = osp.join(ROOT, 'configs', 'demo',
                  'sefar_tiny_1xb8-80e_submotion-videos-10pct.py')
#: the fake videos in list order; ``bad`` cannot be decoded
NAMES = ('a', osp.join('sub', 'b'), 'bad', 'c')


def fake_videos(root):
    """Three 12-frame 32x32 videos, one corrupt file and their list."""
    rng = np.random.default_rng(0)
    lines = []
    for label, name in enumerate(NAMES):
        path = osp.join(root, name + '.mp4')
        if name == 'bad':
            os.makedirs(root, exist_ok=True)
            with open(path, 'wb') as f:
                f.write(os.urandom(4096))
        else:
            write_video(path, render_video(label, 12, 32, rng))
        lines.append(f'{name}.mp4 {label}\n')
    ann = osp.join(root, 'list.txt')
    with open(ann, 'w') as f:
        f.writelines(lines)
    return ann


def tiny_sefar(tmp_path):
    """The demo SeFAR with a one-block 32-wide ViT, tested on three
    temporal views of the fake videos."""
    cfg = load_config(CONFIG)
    cfg.model.backbone.arch = dict(embed_dims=32, depth=1, num_heads=2)
    cfg.model.backbone.img_size = 32
    cfg.model.backbone.patch_size = 16
    cfg.model.cls_head.in_channels = 32
    root = str(tmp_path / 'videos')
    dataset = cfg.test_dataloader.dataset
    dataset.ann_file, dataset.data_prefix = fake_videos(root), dict(video=root)
    dataset.pipeline[1].num_clips = 3
    return cfg


def views(cfg, index):
    """The normalised test views of a sample, computed here."""
    from mmaction.registry import DATASETS
    dataset = DATASETS.build(cfg.test_dataloader.dataset)
    x = dataset.prepare_data(index)['inputs'].float()
    mean = torch.tensor(MEAN).view(3, 1, 1, 1)
    return (x - mean) / torch.tensor(STD).view(3, 1, 1, 1)


def test_sefar_features_resume_and_report_bad_videos(tmp_path):
    cfg = tiny_sefar(tmp_path)
    model, ckpt = saved_model(tmp_path, cfg.model)
    torch.manual_seed(123)  # the export must use the checkpoint
    out = tmp_path / 'feats'
    result = export_video_features(cfg, ckpt, str(out), progress=False)
    good = ['a', osp.join('sub', 'b'), 'c']
    assert result.written == good and result.skipped == []
    [(name, reason)] = result.failed
    assert name == 'bad' and 'bad.mp4: cannot be read' in reason
    assert (out / 'index.txt').read_text() == 'a 0\nsub/b 1\nc 3\n'
    with torch.no_grad():
        for index, name in ((0, 'a'), (3, 'c')):
            feats = np.load(out / f'{name}.npy')
            assert feats.dtype == np.float32 and feats.shape == (3, 32)
            expected = model.backbone(views(cfg, index))  # (3 views, E, D)
            np.testing.assert_allclose(
                feats, expected.mean(0).numpy(), rtol=1e-4, atol=1e-5)
    # the views differ: averaging them is tested
    assert (expected[0] - expected[1]).abs().max() > 1e-4

    # a second run keeps the files; the index still lists them
    stamps = {f: os.stat(out / f'{f}.npy').st_mtime_ns for f in good}
    result = export_video_features(cfg, ckpt, str(out), progress=False)
    assert result.written == [] and result.skipped == good
    assert {f: os.stat(out / f'{f}.npy').st_mtime_ns for f in good} == stamps
    assert (out / 'index.txt').read_text() == 'a 0\nsub/b 1\nc 3\n'

    # the fusion head's feature, through the command line
    cfg.dump(str(tmp_path / 'cfg.py'))
    tool = import_tool('analysis/export_video_features.py')
    fused = tmp_path / 'fused'
    tool.main([
        str(tmp_path / 'cfg.py'), ckpt, '--out-dir',
        str(fused), '--stage', 'fused'
    ])
    feats = np.load(fused / 'a.npy')
    assert feats.shape == (1, 64)
    with torch.no_grad():
        expected = model.cls_head.fused(model.backbone(views(cfg, 0)))
    np.testing.assert_allclose(
        feats, expected.mean(0, keepdim=True).numpy(), rtol=1e-4, atol=1e-5)


def test_recognizer3d_features_are_pooled(tmp_path):
    model, ckpt = saved_model(tmp_path, TINY_3D)
    root = str(tmp_path / 'videos')
    pipeline = [
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=4, num_clips=2, test_mode=True),
        dict(type='DecordDecode'),
        dict(type='Resize', scale=(-1, 32)),
        dict(type='CenterCrop', crop_size=32),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs')
    ]
    cfg = Config(
        dict(
            model=TINY_3D,
            test_dataloader=dict(
                dataset=dict(
                    type='VideoDataset',
                    ann_file=fake_videos(root),
                    data_prefix=dict(video=root),
                    pipeline=pipeline,
                    test_mode=True))))
    out = tmp_path / 'feats'
    result = export_video_features(cfg, ckpt, str(out), progress=False)
    assert result.written == ['a', osp.join('sub', 'b'), 'c']
    assert [n for n, _ in result.failed] == ['bad']
    feats = np.load(out / 'a.npy')
    assert feats.shape == (1, 16)
    with torch.no_grad():
        expected = model.backbone(views(cfg, 0)).mean(dim=(2, 3, 4))
    np.testing.assert_allclose(
        feats, expected.mean(0, keepdim=True).numpy(), rtol=1e-4, atol=1e-5)
    with pytest.raises(TypeError, match='I3DHead'):
        export_video_features(cfg, ckpt, str(out), stage='fused')


def test_bad_inputs_are_clear_errors(tmp_path):
    cfg = tiny_sefar(tmp_path)
    out = str(tmp_path / 'out')
    with pytest.raises(ValueError, match="unknown split 'bogus'.*'test'"):
        export_video_features(cfg, None, out, split='bogus')
    with pytest.raises(ValueError, match="stage must be .* 'head'"):
        export_video_features(cfg, None, out, stage='head')
    with pytest.raises(FileNotFoundError, match='config not found'):
        export_video_features(str(tmp_path / 'absent.py'), None, out)
    with pytest.raises(FileNotFoundError, match='checkpoint not found'):
        export_video_features(cfg, str(tmp_path / 'absent.pth'), out)
    # a checkpoint without the head cannot give fused features
    _, ckpt = saved_model(tmp_path, cfg.model)
    state = torch.load(ckpt)['state_dict']
    torch.save(
        {
            'state_dict': {
                k: v
                for k, v in state.items() if not k.startswith('cls_head.')
            }
        }, ckpt)
    export_video_features(cfg, ckpt, out, progress=False)  # backbone: fine
    with pytest.raises(ValueError, match='backbone/cls_head weights are'):
        export_video_features(cfg, ckpt, out, stage='fused')
    # the command line: nothing written is exit status 1
    tool = import_tool('analysis/export_video_features.py')
    cfg.test_dataloader.dataset.ann_file = str(tmp_path / 'bad.txt')
    (tmp_path / 'bad.txt').write_text('bad.mp4 0\n')
    cfg.dump(str(tmp_path / 'cfg.py'))
    with pytest.raises(SystemExit, match='no features could be written'):
        tool.main([str(tmp_path / 'cfg.py'), 'none', '--out-dir', out])
    with pytest.raises(SystemExit, match="error: unknown split 'x'"):
        tool.main([
            str(tmp_path / 'cfg.py'), 'none', '--out-dir', out, '--split', 'x'
        ])
