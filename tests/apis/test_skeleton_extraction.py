"""Videos to a PoseDataset: every frame kept (zero where the subject is
lost), resumable, disjoint shards that merge into the single-process
result, bad videos reported without stopping the others."""
import os.path as osp

import numpy as np
import pytest

from mmfine.apis import skeleton_extraction as se
from mmfine.datasets.synthetic_motion_videos import write_video
from mmfine.tracking import POSE_ESTIMATORS, FramePoses, PoseEstimator


@POSE_ESTIMATORS.register_module(force=True)
class BrightSquarePose(PoseEstimator):
    """Test backend: the bright square of a frame is the person; its 17
    keypoints lie on the square's diagonal (RGB frames in, as promised)."""
    layout = 'coco17'

    def __init__(self):
        self.resets = 0

    def reset(self):
        self.resets += 1

    def __call__(self, frame):
        ys, xs = np.nonzero(frame[..., 0] > 200)  # red channel in RGB
        if not len(xs):
            return FramePoses.empty('coco17', 17)
        t = np.linspace(0, 1, 17)[:, None]
        lo = np.array([xs.min(), ys.min()], np.float32)
        hi = np.array([xs.max(), ys.max()], np.float32)
        kp = (lo + t * (hi - lo)).astype(np.float32)[None]
        return FramePoses(kp, np.ones((1, 17), np.float32),
                          np.concatenate([lo, hi])[None], 'coco17')


def square_video(path, frames=10, hidden=()):
    """A red square (BGR) moving right; absent in the ``hidden`` frames."""
    video = np.zeros((frames, 48, 64, 3), np.uint8)
    for t in range(frames):
        if t not in hidden:
            video[t, 10:26, 4 + 3 * t:20 + 3 * t, 2] = 255
    write_video(str(path), video)


def items(root):
    square_video(root / 'a.mp4')
    square_video(root / 'b.mp4', hidden=(3, 4))
    square_video(root / 'c.mp4')
    (root / 'empty.mp4').write_bytes(b'')
    (root / 'nobody.mp4').parent.mkdir(exist_ok=True)
    write_video(str(root / 'nobody.mp4'), np.zeros((4, 48, 64, 3), np.uint8))
    return [
        se.VideoItem(n, str(root / f'{n}.mp4'), i)
        for i, n in enumerate(['a', 'b', 'c', 'empty', 'nobody'])
    ]


def test_lost_frames_are_kept_with_zero_scores(tmp_path):
    square_video(tmp_path / 'b.mp4', hidden=(3, 4))
    estimator = BrightSquarePose()
    ann = se.video_skeleton(str(tmp_path / 'b.mp4'), estimator)
    assert ann['total_frames'] == 10
    assert ann['keypoint'].shape == (1, 10, 17, 2)
    assert ann['img_shape'] == (48, 64) and ann['layout'] == 'coco17'
    seen = ann['keypoint_score'][0].max(-1) > 0
    assert list(np.flatnonzero(~seen)) == [3, 4]
    assert not ann['keypoint'][0, 3:5].any()
    # the square's left edge moves 3 px per frame (codec blur: +-1 px)
    left = ann['keypoint'][0, seen, 0, 0]
    assert np.allclose(np.diff(left[:3]), 3, atol=1.5)
    assert estimator.resets == 1


def test_a_video_without_frames_is_named(tmp_path, monkeypatch):
    # a container with a stream but no frame: decord opens it with length
    # 0 (OpenCV cannot write one that decord opens, hence the stand-in)
    import decord
    square_video(tmp_path / 'a.mp4')
    monkeypatch.setattr(decord, 'VideoReader', lambda *a, **k: [])
    with pytest.raises(ValueError, match='a.mp4: the video has no frames'):
        se.open_video(str(tmp_path / 'a.mp4'))


def test_bad_videos_are_reported_and_the_rest_written(tmp_path):
    videos = items(tmp_path / 'videos')
    work = str(tmp_path / 'work')
    result = se.extract_skeletons(videos, dict(type='BrightSquarePose'),
                                  work, progress=False)
    assert sorted(result.written) == ['a', 'b', 'c']
    reasons = dict(result.failed)
    assert 'empty.mp4: cannot be read as a video' in reasons['empty']
    assert 'no person' in reasons['nobody']
    assert osp.exists(osp.join(work, 'nobody.failed'))
    # a second run skips what is finished and tries the failures again
    again = se.extract_skeletons(videos, dict(type='BrightSquarePose'),
                                 work, progress=False)
    assert sorted(again.skipped) == ['a', 'b', 'c']
    assert sorted(n for n, _ in again.failed) == ['empty', 'nobody']
    # a label corrected in the list after extraction is the one merged
    videos[0] = videos[0]._replace(label=7)
    data, missing = se.merge_skeletons(
        dict(train=videos[:2], val=videos[2:]), work)
    assert data['split'] == dict(train=['a', 'b'], val=['c'])
    assert data['layout'] == 'coco17'
    assert [a['label'] for a in data['annotations']] == [7, 1, 2]
    for ann in data['annotations']:
        assert set(se.ANNOTATION_KEYS) <= set(ann)
    assert sorted(n for n, _ in missing) == ['empty', 'nobody']
    # a backend of another layout extracts the finished videos again
    other = se.extract_skeletons(videos[:3], dict(type='BrightSquarePose33'),
                                 work, progress=False)
    assert sorted(other.written) == ['a', 'b', 'c'] and not other.skipped
    data, _ = se.merge_skeletons(dict(all=videos[:3]), work)
    assert data['layout'] == 'mediapipe33'


@POSE_ESTIMATORS.register_module(force=True)
class BrightSquarePose33(BrightSquarePose):
    """The test backend in MediaPipe's 33-landmark layout."""
    layout = 'mediapipe33'

    def __call__(self, frame):
        poses = super().__call__(frame)
        pad = np.repeat(poses.keypoints[:, -1:], 16, 1)
        return FramePoses(
            np.concatenate([poses.keypoints, pad], 1),
            np.ones((poses.num_persons, 33), np.float32), poses.bboxes,
            'mediapipe33') if poses.num_persons else FramePoses.empty(
                'mediapipe33', 33)


def test_shards_are_disjoint_and_merge_to_the_single_run(tmp_path):
    videos = items(tmp_path / 'videos')[:3]
    single = str(tmp_path / 'single')
    se.extract_skeletons(videos, dict(type='BrightSquarePose'), single,
                         progress=False)
    sharded = str(tmp_path / 'sharded')
    shares = [
        se.extract_skeletons(
            videos,
            dict(type='BrightSquarePose'),
            sharded,
            rank=r,
            world_size=2,
            progress=False).written for r in (0, 1)
    ]
    assert sorted(shares[0] + shares[1]) == ['a', 'b', 'c']
    assert not set(shares[0]) & set(shares[1])
    one, _ = se.merge_skeletons(dict(all=videos), single)
    two, _ = se.merge_skeletons(dict(all=videos), sharded)
    assert len(one['annotations']) == len(two['annotations']) == 3
    for x, y in zip(one['annotations'], two['annotations']):
        assert x['frame_dir'] == y['frame_dir']
        assert np.array_equal(x['keypoint'], y['keypoint'])
    with pytest.raises(ValueError, match='rank 2 outside'):
        se.extract_skeletons(videos, dict(type='BrightSquarePose'), sharded,
                             rank=2, world_size=2)
    with pytest.raises(ValueError, match='named twice'):
        se.extract_skeletons(videos + videos[:1],
                             dict(type='BrightSquarePose'), sharded)


def test_video_lists(tmp_path):
    (tmp_path / 'list.txt').write_text('x/a.mp4 3\n\nb.avi 0\n')
    got = se.read_labelled_list(str(tmp_path / 'list.txt'), '/v')
    assert got == [se.VideoItem('x/a', '/v/x/a.mp4', 3),
                   se.VideoItem('b', '/v/b.avi', 0)]
    (tmp_path / 'bad.txt').write_text('a.mp4\n')
    with pytest.raises(ValueError, match='line 1'):
        se.read_labelled_list(str(tmp_path / 'bad.txt'), '/v')


def test_a_backend_that_cannot_be_built_fails_at_once(tmp_path):
    videos = items(tmp_path / 'videos')[:1]
    for workers in (1, 2):  # no pool of failing workers left behind
        with pytest.raises(KeyError, match='unknown pose estimator'):
            se.extract_skeletons(videos, dict(type='NoSuchPose'),
                                 str(tmp_path / 'work'), workers=workers,
                                 progress=False)


@POSE_ESTIMATORS.register_module(force=True)
class CrashingPose(BrightSquarePose):
    """A backend whose own error (not an I/O one) hits one video."""

    def __call__(self, frame):
        if frame[..., 0].max() > 200 and frame[10:26, 4:20, 0].mean() > 200:
            raise AssertionError('backend assertion on this frame')
        return super().__call__(frame)


def test_a_backend_error_on_one_video_keeps_the_others(tmp_path):
    videos = items(tmp_path / 'videos')[:3]
    result = se.extract_skeletons(videos, dict(type='CrashingPose'),
                                  str(tmp_path / 'work'), progress=False)
    # every video starts with the square at x = 4: all three hit it
    assert sorted(n for n, _ in result.failed) == ['a', 'b', 'c']
    assert all('AssertionError' in reason for _, reason in result.failed)
