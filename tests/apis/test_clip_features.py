import os
import os.path as osp
import pickle

import cv2
import decord
import numpy as np
import pytest
import torch
from mmengine.config import Config

from mmfine.apis import clip_features as cf
from mmfine.datasets.synthetic_motion_videos import write_video
from mmfine.testing import shared_dataset

MEAN, STD = [123.675, 116.28, 103.53], [58.395, 57.12, 57.375]

#: a two-stage, 8-wide 3D ResNet-18: 16-channel features in milliseconds
TINY_3D = dict(
    type='Recognizer3D',
    backbone=dict(
        type='ResNet3d',
        depth=18,
        base_channels=8,
        num_stages=2,
        out_indices=(1, ),
        spatial_strides=(1, 2),
        temporal_strides=(1, 1),
        dilations=(1, 1),
        inflate=(1, 1),
        pretrained=None,
        pretrained2d=False),
    cls_head=dict(type='I3DHead', num_classes=5, in_channels=16),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=MEAN,
        std=STD,
        format_shape='NCTHW'))

#: frame resizing of the tests: short side 40, centre crop 32
SMALL = dict(short_side=40, crop_size=32)


def tiny_gcn(in_channels=3):
    return dict(
        type='RecognizerGCN',
        backbone=dict(
            type='STGCN',
            in_channels=in_channels,
            graph_cfg=dict(layout='coco', mode='stgcn_spatial'),
            base_channels=8,
            num_stages=3,
            inflate_stages=[2],
            down_stages=[2]),
        cls_head=dict(type='GCNHead', num_classes=5, in_channels=16))


def saved_model(tmp_path, model_cfg, seed=0):
    """A seeded random model saved as a checkpoint, and loaded back."""
    torch.manual_seed(seed)
    cfg = Config(dict(model=model_cfg))
    model = cf.build_feature_extractor(cfg)
    for m in model.modules():  # non-trivial BatchNorm statistics
        if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):
            m.running_mean.uniform_(-0.1, 0.1)
            m.running_var.uniform_(0.5, 1.5)
    ckpt = str(tmp_path / 'model.pth')
    torch.save({'state_dict': model.state_dict()}, ckpt)
    torch.manual_seed(seed + 1)
    loaded = cf.build_feature_extractor(Config(dict(model=model_cfg)), ckpt)
    for k, v in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[k], v), k
    return loaded, ckpt


def reference_clip(model, frames):
    """The features of one clip computed by hand: resize with cv2, crop the
    centre, normalise, run the backbone alone, average-pool."""
    crops = []
    for frame in frames:
        h, w = frame.shape[:2]
        size = (round(w * 40 / h), 40) if h < w else (40, round(h * 40 / w))
        big = cv2.resize(frame, size, interpolation=cv2.INTER_LINEAR)
        top, left = (size[1] - 32) // 2, (size[0] - 32) // 2
        crops.append(big[top:top + 32, left:left + 32])
    x = (np.stack(crops).astype(np.float32) - MEAN) / STD
    x = torch.from_numpy(x.transpose(3, 0, 1, 2)[None].astype(np.float32))
    with torch.no_grad():
        return model.backbone(x).mean(dim=(2, 3, 4))[0].numpy()


def synthetic_video(path, frames=40, height=48, width=64, seed=0):
    rng = np.random.default_rng(seed)
    video = rng.integers(0, 256, (frames, height, width, 3), dtype=np.uint8)
    video = np.stack([cv2.GaussianBlur(f, (7, 7), 0) for f in video])
    write_video(str(path), video)
    return str(path)


@pytest.mark.realdata
@pytest.mark.parametrize('name', ['demo_demo.mp4', 'tests_data_test.mp4'])
def test_real_video_features_match_a_clip_computed_alone(tmp_path, name):
    model, _ = saved_model(tmp_path, TINY_3D)
    path = osp.join(shared_dataset('videos'), name)
    reader = decord.VideoReader(path)
    total = len(reader)
    feats = cf.video_clip_features(model, path, batch_clips=3, **SMALL)
    assert feats.dtype == np.float32
    assert feats.shape == (total // 32, 16)  # demo: 280 frames, 8 clips
    for k in (0, total // 32 - 1):
        frames = reader.get_batch(list(range(32 * k, 32 * k + 32)))
        np.testing.assert_allclose(
            feats[k],
            reference_clip(model, frames.asnumpy()),
            rtol=1e-4,
            atol=1e-5)
    # the clips of a real video differ: the comparison above can fail
    assert np.abs(feats[0] - feats[-1]).max() > 1e-3
    # batching changes nothing
    np.testing.assert_allclose(
        cf.video_clip_features(model, path, batch_clips=8, **SMALL),
        feats,
        rtol=1e-5,
        atol=1e-6)


#: MMAction2's TSM on a ResNet-18 (2D, frames as segments; the temporal
#: shift groups them by 4)
TINY_TSM = dict(
    type='Recognizer2D',
    backbone=dict(
        type='ResNetTSM',
        depth=18,
        num_segments=4,
        pretrained=None,
        norm_eval=False),
    cls_head=dict(
        type='TSMHead', num_classes=5, in_channels=512, num_segments=4),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=MEAN,
        std=STD,
        format_shape='NCHW'))


def test_2d_recognizer_features_average_its_frames(tmp_path):
    """TSM: each clip's frames go through the backbone as one sample's
    segments (the temporal shift sees them together) and are averaged."""
    model, _ = saved_model(tmp_path, TINY_TSM)
    path = synthetic_video(tmp_path / 'v.mp4', frames=40)
    frames = decord.VideoReader(path).get_batch(list(range(40))).asnumpy()
    feats = cf.video_clip_features(model, path, clip_len=8, batch_clips=3,
                                   **SMALL)
    assert feats.shape == (5, 512) and feats.dtype == np.float32
    for k in (0, 4):
        crops = [
            cf.resize_crop(f, SMALL['short_side'], SMALL['crop_size'])
            for f in frames[8 * k:8 * k + 8]
        ]
        x = (np.stack(crops).astype(np.float32) - MEAN) / STD
        x = torch.from_numpy(x.transpose(0, 3, 1, 2).astype(np.float32))
        with torch.no_grad():
            expected = model.backbone(x).mean(dim=(0, 2, 3)).numpy()
        np.testing.assert_allclose(feats[k], expected, rtol=1e-4, atol=1e-5)
    assert np.abs(feats[0] - feats[4]).max() > 1e-3
    with pytest.raises(ValueError, match='multiple of the backbone'):
        cf.video_clip_features(model, path, clip_len=6, **SMALL)
    # once for a whole extraction, before any video is read
    with pytest.raises(ValueError, match='multiple of the backbone'):
        cf.extract_video_features(model, [('v', path), ('w', 'missing.mp4')],
                                  str(tmp_path / 'out'), clip_len=6)
    assert not (tmp_path / 'out').exists()


def test_short_video_is_one_clip_with_the_last_frame_repeated(tmp_path):
    model, _ = saved_model(tmp_path, TINY_3D)
    path = synthetic_video(tmp_path / 'short.mp4', frames=20)
    frames = decord.VideoReader(path).get_batch(list(range(20))).asnumpy()
    assert frames.shape[0] == 20
    feats = cf.video_clip_features(model, path, **SMALL)
    padded = np.concatenate([frames, np.repeat(frames[-1:], 12, 0)])
    assert feats.shape == (1, 16)
    np.testing.assert_allclose(
        feats[0], reference_clip(model, padded), rtol=1e-4, atol=1e-5)
    # 40 frames in clips of 16: two clips, the last 8 frames are dropped
    path = synthetic_video(tmp_path / 'long.mp4', frames=40, seed=1)
    feats = cf.video_clip_features(model, path, clip_len=16, **SMALL)
    frames = decord.VideoReader(path).get_batch(list(range(16, 32)))
    assert feats.shape == (2, 16)
    np.testing.assert_allclose(
        feats[1],
        reference_clip(model, frames.asnumpy()),
        rtol=1e-4,
        atol=1e-5)


def test_extraction_resumes_and_reports_unreadable_videos(tmp_path):
    model, _ = saved_model(tmp_path, TINY_3D)
    root = tmp_path / 'videos'
    root.mkdir()
    synthetic_video(root / 'a.mp4', frames=40)
    synthetic_video(root / 'b.mp4', frames=70, seed=1)
    (root / 'corrupt.mp4').write_bytes(os.urandom(4096))
    (root / 'empty.avi').write_bytes(b'')
    videos = cf.list_videos(str(root)) + [('gone', str(root / 'gone.mp4'))]
    assert [n for n, _ in videos] == ['a', 'b', 'corrupt', 'empty', 'gone']
    out = tmp_path / 'feats'
    result = cf.extract_video_features(
        model, videos, str(out), clip_len=16, progress=False, **SMALL)
    assert result.written == ['a', 'b'] and result.skipped == []
    reasons = dict(result.failed)
    assert sorted(reasons) == ['corrupt', 'empty', 'gone']
    assert str(root / 'corrupt.mp4') in reasons['corrupt']
    assert 'cannot be opened as a video' in reasons['corrupt']
    assert str(root / 'empty.avi') in reasons['empty']
    assert reasons['gone'] == f'video not found: {root / "gone.mp4"}'
    assert sorted(os.listdir(out)) == ['a.npy', 'b.npy']  # no temp files
    a = np.load(out / 'a.npy')
    assert a.dtype == np.float32 and a.shape == (2, 16)
    assert np.load(out / 'b.npy').shape == (4, 16)
    np.testing.assert_array_equal(
        a, cf.video_clip_features(model, str(root / 'a.mp4'), 16, **SMALL))
    assert 'failed: gone: video not found' in result.summary()

    # a second run skips what is there and keeps it untouched
    stamps = {f: os.stat(out / f).st_mtime_ns for f in os.listdir(out)}
    (out / 'b.npy').write_bytes(b'truncated')  # an invalid file is redone
    result = cf.extract_video_features(
        model, videos[:2], str(out), clip_len=16, progress=False, **SMALL)
    assert result.skipped == ['a'] and result.written == ['b']
    assert os.stat(out / 'a.npy').st_mtime_ns == stamps['a.npy']
    assert np.load(out / 'b.npy').shape == (4, 16)
    result = cf.extract_video_features(
        model,
        videos[:1],
        str(out),
        clip_len=16,
        overwrite=True,
        progress=False,
        **SMALL)
    assert result.written == ['a']


def test_extract_features_rejects_bad_outputs_and_names(tmp_path):
    out = str(tmp_path / 'out')
    result = cf.extract_features([('nan', np.full((2, 3), np.nan)),
                                  ('flat', np.ones(3)), ('ok', np.ones(
                                      (2, 3)))],
                                 out,
                                 lambda x: x,
                                 progress=False)
    assert result.written == ['ok']
    assert [n for n, _ in result.failed] == ['nan', 'flat']
    assert 'not a finite (N, D) array' in result.failed[0][1]
    with pytest.raises(ValueError, match='would both be written'):
        cf.extract_features([('a/x', 1), ('a/./x', 2)], out, lambda x: x)
    with pytest.raises(ValueError, match='cannot name a feature file'):
        cf.extract_features([('../x', 1)], out, lambda x: x)


def test_pose_features_match_each_clip_computed_alone(tmp_path):
    model, _ = saved_model(tmp_path, tiny_gcn(in_channels=3))
    rng = np.random.default_rng(0)
    kp = rng.normal(size=(1, 100, 17, 2)).astype(np.float32)
    score = rng.uniform(size=(1, 100, 17)).astype(np.float32)
    feats = cf.pose_clip_features(model, kp, score, batch_clips=2)
    assert feats.shape == (3, 16) and feats.dtype == np.float32
    full = np.concatenate([kp, score[..., None]], -1)
    for k in range(3):
        x = torch.from_numpy(full[None, :, 32 * k:32 * k + 32])
        with torch.no_grad():
            ref = model.backbone(x).mean(dim=(1, 3, 4))[0].numpy()
        np.testing.assert_allclose(feats[k], ref, rtol=1e-4, atol=1e-5)
    assert np.abs(feats[0] - feats[1]).max() > 1e-3
    # a sequence shorter than a clip: its last frame repeated
    short = cf.pose_clip_features(model, kp[:, :20], score[:, :20])
    padded = np.concatenate(
        [full[:, :20], np.repeat(full[:, 19:20], 12, 1)], 1)
    with torch.no_grad():
        ref = model.backbone(torch.from_numpy(
            padded[None])).mean(dim=(1, 3, 4))[0].numpy()
    np.testing.assert_allclose(short[0], ref, rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match='no keypoint_score'):
        cf.pose_clip_features(model, kp)
    with pytest.raises(ValueError, match='NaN'):
        cf.pose_clip_features(model, np.full_like(kp, np.nan), score)
    # a two-channel backbone takes the coordinates alone
    model2, _ = saved_model(tmp_path, tiny_gcn(in_channels=2))
    assert cf.pose_clip_features(model2, kp, score).shape == (3, 16)
    np.testing.assert_array_equal(
        cf.pose_clip_features(model2, kp, score),
        cf.pose_clip_features(model2, kp))
    with pytest.raises(ValueError, match='backbone takes 2'):
        cf.pose_clip_features(model2, full)


def test_pose_extraction_applies_the_config_sequence_steps(tmp_path):
    model, ckpt = saved_model(tmp_path, tiny_gcn(in_channels=3))
    cfg = Config(
        dict(
            model=tiny_gcn(in_channels=3),
            test_pipeline=[
                dict(type='PreNormalize2D'),
                dict(type='GenSkeFeat', dataset='coco', feats=['j']),
                dict(
                    type='UniformSampleFrames',
                    clip_len=100,
                    num_clips=1,
                    test_mode=True),
                dict(type='PoseDecode'),
                dict(type='FormatGCNInput', num_person=2),
                dict(type='PackActionInputs')
            ]))
    model = cf.build_feature_extractor(cfg, ckpt)
    rng = np.random.default_rng(0)
    kp = rng.uniform(0, 200, size=(1, 70, 17, 2)).astype(np.float32)
    score = rng.uniform(size=(1, 70, 17)).astype(np.float32)
    anns = [
        dict(
            frame_dir='s0',
            keypoint=kp,
            keypoint_score=score,
            img_shape=(100, 200),
            total_frames=70,
            label=0),
        dict(
            frame_dir='s1',
            keypoint=np.full_like(kp, np.nan),
            keypoint_score=score,
            total_frames=70),
        dict(keypoint=kp),
    ]
    result = cf.extract_pose_features(
        model, anns, str(tmp_path / 'out'), progress=False)
    assert result.written == ['s0']
    assert dict(result.failed) == {
        's1': 'keypoint has NaN/inf or non-numeric values',
        'annotation 2': 'no frame_dir to name its feature file'
    }
    assert anns[0]['keypoint'] is kp and kp.max() > 1  # input unchanged
    # by hand: normalised by img_shape (h 100, w 200), a zero second person
    norm = np.stack([(kp[..., 0] - 100) / 100, (kp[..., 1] - 50) / 50], -1)
    norm = np.concatenate([norm, np.zeros_like(norm)])
    expected = cf.pose_clip_features(
        model, norm, np.concatenate([score, np.zeros_like(score)]))
    feats = np.load(tmp_path / 'out' / 's0.npy')
    assert feats.shape == (2, 16)
    np.testing.assert_allclose(feats, expected, rtol=1e-5, atol=1e-6)
    steps = [type(s).__name__ for s in cf.pose_sequence_steps(cfg)]
    assert steps == ['PreNormalize2D', 'GenSkeFeat', 'FormatGCNInput']


def test_load_pose_annotations_reads_a_split(tmp_path):
    ann = tmp_path / 'ann.pkl'
    kp = np.zeros((1, 5, 17, 2), np.float32)
    anns = [dict(frame_dir=f's{i}', keypoint=kp) for i in range(3)]
    ann.write_bytes(
        pickle.dumps(
            dict(split=dict(a=['s0', 's2'], b=['s1']), annotations=anns)))
    assert [a['frame_dir'] for a in cf.load_pose_annotations(str(ann))] == \
        ['s0', 's1', 's2']
    assert [a['frame_dir']
            for a in cf.load_pose_annotations(str(ann), 'a')] == ['s0', 's2']
    with pytest.raises(ValueError, match=r"ann.pkl: no split 'c'"):
        cf.load_pose_annotations(str(ann), 'c')
    with pytest.raises(FileNotFoundError, match='absent.pkl'):
        cf.load_pose_annotations(str(tmp_path / 'absent.pkl'))


def test_bad_inputs_name_the_file(tmp_path):
    cfg = Config(dict(model=TINY_3D))
    with pytest.raises(FileNotFoundError, match='checkpoint not found: .*x'):
        cf.build_feature_extractor(cfg, str(tmp_path / 'x.pth'))
    with pytest.raises(FileNotFoundError, match='config not found'):
        cf.build_feature_extractor(str(tmp_path / 'absent.py'))
    # weights of another architecture
    _, gcn_ckpt = saved_model(tmp_path, tiny_gcn())
    with pytest.raises(ValueError, match='model.pth: .* backbone'):
        cf.build_feature_extractor(cfg, gcn_ckpt)
    (tmp_path / 'junk.pth').write_bytes(b'not a checkpoint')
    with pytest.raises(ValueError, match='junk.pth: not a readable'):
        cf.build_feature_extractor(cfg, str(tmp_path / 'junk.pth'))
    # video lists and folders
    (tmp_path / 'empty.txt').write_text('\n  \n')
    with pytest.raises(ValueError, match='empty.txt has no entries'):
        cf.list_videos(str(tmp_path), str(tmp_path / 'empty.txt'))
    with pytest.raises(FileNotFoundError, match='video list not found'):
        cf.list_videos(str(tmp_path), str(tmp_path / 'absent.txt'))
    with pytest.raises(ValueError, match='no video files'):
        cf.list_videos(str(tmp_path))
    (tmp_path / 'list.txt').write_text('a.mp4 3\nsub/b.avi 1\na.mp4 3\n')
    assert cf.list_videos(str(tmp_path), str(tmp_path / 'list.txt')) == [
        ('a', str(tmp_path / 'a.mp4')),
        (osp.join('sub', 'b'), str(tmp_path / 'sub' / 'b.avi'))
    ]
    (tmp_path / 'x.mp4').write_bytes(b'')
    (tmp_path / 'x.avi').write_bytes(b'')
    with pytest.raises(ValueError, match='x.avi and x.mp4 in .* would both'):
        cf.list_videos(str(tmp_path))
    model = cf.build_feature_extractor(cfg)
    with pytest.raises(ValueError, match='would both be written'):
        cf.extract_video_features(model, [('x', 'x.mp4'), ('x', 'x.avi')],
                                  str(tmp_path))
    with pytest.raises(ValueError, match='no videos'):
        cf.extract_video_features(model, [], str(tmp_path))
    with pytest.raises(ValueError, match='crop_size 64 is larger'):
        cf.video_clip_features(model, 'x.mp4', short_side=40, crop_size=64)
    gcn = cf.build_feature_extractor(Config(dict(model=tiny_gcn())))
    with pytest.raises(TypeError,
                       match='need an MMAction2 Recognizer3D or Recognizer2D'):
        cf.video_clip_features(gcn, 'x.mp4')
    with pytest.raises(TypeError, match='need an MMAction2 RecognizerGCN'):
        cf.pose_clip_features(model, np.zeros((1, 4, 17, 2)))
