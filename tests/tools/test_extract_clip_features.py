import os
import os.path as osp
import pickle
import subprocess
import sys

import numpy as np
import pytest
from mmengine.config import Config

from mmfine.apis import clip_features as cf
from mmfine.testing import ROOT, shared_dataset
from tests.apis.test_clip_features import TINY_3D, saved_model, tiny_gcn

TOOL = 'tools/data/extract_clip_features.py'


def run_tool(*args):
    return subprocess.run(
        [sys.executable, TOOL] + [str(a) for a in args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300)


def write_config(path, **settings):
    path.write_text(''.join(f'{k} = {v!r}\n' for k, v in settings.items()))
    return str(path)


@pytest.mark.realdata
def test_cli_encodes_real_videos_resumes_and_lists_failures(tmp_path):
    videos = shared_dataset('videos')
    model, ckpt = saved_model(tmp_path, TINY_3D)
    config = write_config(tmp_path / 'tiny_3d.py', model=TINY_3D)
    (tmp_path / 'list.txt').write_text('demo_demo.mp4 0\nmissing.mp4 1\n')
    out = tmp_path / 'feats'
    args = [
        config, ckpt, '--video-root', videos, '--video-list',
        tmp_path / 'list.txt', '--out-dir', out, '--short-side', 40,
        '--crop-size', 32
    ]
    result = run_tool(*args)
    assert result.returncode == 0, result.stderr[-3000:]
    assert '1 written, 0 skipped (already there), 1 failed' in result.stdout
    assert 'failed: missing: video not found: ' + \
        osp.join(videos, 'missing.mp4') in result.stdout
    feats = np.load(out / 'demo_demo.npy')
    assert feats.shape == (280 // 32, 16)
    np.testing.assert_allclose(
        feats,
        cf.video_clip_features(
            model,
            osp.join(videos, 'demo_demo.mp4'),
            short_side=40,
            crop_size=32),
        rtol=1e-5,
        atol=1e-6)
    mtime = os.stat(out / 'demo_demo.npy').st_mtime_ns
    # again, with random weights: the existing file is kept
    args[1] = 'none'
    result = run_tool(*args)
    assert result.returncode == 0, result.stderr[-3000:]
    assert 'WARNING: checkpoint "none"' in result.stderr
    assert '0 written, 1 skipped' in result.stdout
    assert os.stat(out / 'demo_demo.npy').st_mtime_ns == mtime


def test_cli_fails_when_nothing_is_written(tmp_path):
    config = write_config(tmp_path / 'tiny_3d.py', model=TINY_3D)
    (tmp_path / 'bad.mp4').write_bytes(os.urandom(2048))
    result = run_tool(config, 'none', '--video-root', tmp_path, '--out-dir',
                      tmp_path / 'out', '--short-side', 40, '--crop-size', 32)
    assert result.returncode != 0
    assert f'failed: bad: {tmp_path / "bad.mp4"}: cannot be opened' in \
        result.stdout
    assert f'no features could be written from {tmp_path}' in result.stderr
    result = run_tool(config, tmp_path / 'absent.pth', '--video-root',
                      tmp_path, '--out-dir', tmp_path / 'out')
    assert result.returncode != 0
    assert f'checkpoint not found: {tmp_path / "absent.pth"}' in \
        result.stderr


def test_cli_encodes_a_pose_annotation_split(tmp_path):
    pipeline = [
        dict(type='PreNormalize2D'),
        dict(type='GenSkeFeat', dataset='coco', feats=['j']),
        dict(type='FormatGCNInput', num_person=1)
    ]
    _, ckpt = saved_model(tmp_path, tiny_gcn(in_channels=3))
    config = write_config(
        tmp_path / 'tiny_gcn.py', model=tiny_gcn(3), test_pipeline=pipeline)
    rng = np.random.default_rng(0)
    anns = [
        dict(
            frame_dir=f's{i}',
            keypoint=rng.uniform(0, 1000, (1, 100, 17, 2)).astype('f4'),
            keypoint_score=rng.uniform(size=(1, 100, 17)).astype('f4'),
            img_shape=(1080, 1920)) for i in range(3)
    ]
    anns[2]['keypoint_score'] = anns[2]['keypoint_score'][:, :50]
    ann_file = tmp_path / 'ann.pkl'
    ann_file.write_bytes(
        pickle.dumps(
            dict(
                split=dict(train=['s0'], test=['s1', 's2']),
                annotations=anns)))
    result = run_tool(config, ckpt, '--pose-ann', ann_file, '--split', 'test',
                      '--out-dir', tmp_path / 'out')
    assert result.returncode == 0, result.stderr[-3000:]
    assert '1 written, 0 skipped (already there), 1 failed' in result.stdout
    assert 'failed: s2: keypoint_score has shape (1, 50, 17)' in result.stdout
    assert os.listdir(tmp_path / 'out') == ['s1.npy']
    model = cf.build_feature_extractor(Config.fromfile(config), ckpt)
    expected = cf.extract_pose_features(
        model, anns[1:2], str(tmp_path / 'api'), progress=False)
    assert expected.written == ['s1']
    feats = np.load(tmp_path / 'out' / 's1.npy')
    assert feats.shape == (3, 16)
    np.testing.assert_allclose(
        feats, np.load(tmp_path / 'api' / 's1.npy'), rtol=1e-5, atol=1e-6)
