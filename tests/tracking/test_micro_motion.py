"""The micro-motion tracker: known motion gives the known vector (a moving
square, a translated real person), finite descriptors for every part and
frame of real videos, the moving limb dominates, flow agrees with the
keypoints, captions are grounded in the data."""
import cv2
import numpy as np
import pytest

from mmfine.apis.skeleton_extraction import open_video
from mmfine.datasets.synthetic_motion_videos import write_video
from mmfine.testing import shared_dataset
from mmfine.tracking import (POSE_ESTIMATORS, FramePoses, PoseEstimator,
                             build_pose_estimator)
from mmfine.tracking.body_parts import BODY_PARTS
from mmfine.tracking.micro_motion import (directional_components,
                                          track_micro_motion)
from mmfine.tracking.motion_captions import (caption_descriptors, caption_part,
                                             caption_prompt, direction_name)


@POSE_ESTIMATORS.register_module(force=True)
class TexturedSquarePose(PoseEstimator):
    """Test backend: the person is the bright textured square; all 17
    keypoints spread over its inner half, the mask is the square."""
    layout = 'coco17'

    def __call__(self, frame):
        on = frame.max(-1) > 60
        ys, xs = np.nonzero(on)
        lo = np.array([xs.min(), ys.min()], np.float32)
        hi = np.array([xs.max(), ys.max()], np.float32)
        grid = np.random.default_rng(0).uniform(0.3, 0.7, (17, 2))
        kp = (lo + grid * (hi - lo)).astype(np.float32)[None]
        return FramePoses(kp, np.ones((1, 17), np.float32),
                          np.concatenate([lo, hi])[None], 'coco17',
                          on.astype(np.float32))


def moving_square(path, velocity, frames=12):
    """A textured 40 px square moving by ``velocity`` (x right, y down)
    px/frame over a black background."""
    texture = np.random.default_rng(1).integers(80, 255, (40, 40, 3))
    video = np.zeros((frames, 120, 160, 3), np.uint8)
    for t in range(frames):
        x, y = (40 + np.array(velocity) * t).round().astype(int)
        video[t, y:y + 40, x:x + 40] = texture
    write_video(str(path), video)


@pytest.mark.parametrize('flow', ['dis', 'farneback'])
def test_a_moving_square_gives_its_velocity(tmp_path, flow):
    moving_square(tmp_path / 'square.mp4', (2, -1))  # right and up
    result = track_micro_motion(
        str(tmp_path / 'square.mp4'), TexturedSquarePose(), flow=flow)
    assert result.num_frames == 12 and set(result.parts) == set(BODY_PARTS)
    for part, frames in result.parts.items():
        assert frames[0]['vector'] == [0.0, 0.0]
        vectors = np.array([f['vector'] for f in frames[2:]])
        # vy > 0 is upward: the square moves 1 px up per frame
        assert np.allclose(np.median(vectors, 0), [2, 1], atol=0.35), part
        # four directions: 1 px/frame up, 2 right, none down or left
        assert frames[0]['directions'] == [0.0, 0.0, 0.0, 0.0]
        directions = np.array([f['directions'] for f in frames[2:]])
        assert np.allclose(
            np.median(directions, 0), [1, 2, 0, 0], atol=0.4), part
    # coordinates follow the square (normalised, from the top-left)
    x0, x1 = (result.parts['Torso'][t]['coord'][0] for t in (0, 11))
    assert x1 - x0 == pytest.approx(22 / 160, abs=0.02)


def test_directional_components():
    flow = np.array([[[2.0, -1.0], [-3.0, 4.0]]], np.float32)
    # up, right, down, left (image y down: -1 is 1 up)
    assert np.allclose(directional_components(flow),
                       [[[1, 2, 0, 0], [0, 0, 4, 3]]])


def test_caption_reads_the_data():
    fps = 10.0
    still = [dict(vector=[0.01, 0.0], coord=[0.5, 0.5])] * 20
    assert 'still' in caption_part('Head', still, fps)
    moving = still[:5] + [dict(vector=[1.5, 1.5], coord=[0.5, 0.5])] * 5 + \
        [dict(vector=[-2.0, 0.0], coord=[0.5, 0.5])] * 5 + still[:5]
    text = caption_part('Left_Hand', moving, fps)
    # net (7.5 - 10, 7.5 + 0.1) = (-2.5, 7.5) up (vy > 0): 7.9 px; path
    # 5 x 2.12 + 5 x 2 + 10 x 0.01 = 20.7
    assert 'net displacement of 7.9 pixels toward the up' in text
    assert 'path of 20.7 pixels' in text
    assert '0.5-1.5 seconds' in text
    assert text.endswith('it moves upper-right at up to 2.12 px/frame, '
                         'then left at up to 2.00 px/frame.')
    assert direction_name(0, -1) == 'down' and direction_name(-1, 1) == \
        'upper-left'
    with pytest.raises(ValueError, match='fps'):
        caption_part('Head', still, 0)
    # a peak of exactly the stillness threshold is motion, with a period
    edge = still[:3] + [dict(vector=[0.3, 0.0], coord=[0.5, 0.5])] + still[:3]
    assert '0.3-0.4 seconds' in caption_part('Head', edge, fps)
    descriptors = dict(Head=still, num_frames=20, fps=fps)
    assert set(caption_descriptors(descriptors)) == {'Head'}
    prompt = caption_prompt('Head', descriptors, (900, 1080))
    assert "'vy > 0': moving upward" in prompt and '"part": "Head"' in prompt
    with pytest.raises(KeyError, match='Torso'):
        caption_prompt('Torso', descriptors, (900, 1080))


@pytest.mark.realdata
def test_a_translated_person_gives_the_translation(tmp_path):
    """A real person (crop of a real frame) slid over a still background
    by (3, 2) px/frame: every part's vector is (3, -2)."""
    frame = open_video(f"{shared_dataset('videos')}/"
                       'demo_demo_skeleton.mp4')[0].asnumpy()
    # the man in the dark jacket, whole (MediaPipe misses him in some
    # frames of smaller composites)
    person = cv2.resize(frame[240:960, 880:1160], None, fx=0.8, fy=0.8)
    background = cv2.resize(frame[0:360, 0:640], (560, 680))
    video = []
    for t in range(10):
        canvas = background.copy()
        x, y = 120 + 3 * t, 10 + 2 * t
        canvas[y:y + person.shape[0], x:x + person.shape[1]] = person
        video.append(canvas[..., ::-1])  # write_video takes BGR
    write_video(str(tmp_path / 'slide.mp4'), np.stack(video))
    with build_pose_estimator(dict(type='MediaPipePose',
                                   smooth=False)) as estimator:
        result = track_micro_motion(str(tmp_path / 'slide.mp4'), estimator)
    for part in ('Head', 'Torso', 'Left_Upper_Arm', 'Right_Upper_Leg'):
        vectors = np.array([f['vector'] for f in result.parts[part][2:]])
        assert np.allclose(np.median(vectors, 0), [3, -2], atol=0.6), part


@pytest.mark.realdata
def test_real_videos_the_moving_arm_and_the_keypoints():
    videos = shared_dataset('videos')
    with build_pose_estimator(dict(type='MediaPipePose',
                                   smooth=False)) as estimator:
        # every real video: finite descriptors for every frame and part
        for name in ('demo_demo.mp4', 'demo_ntu_sample.avi',
                     'tests_data_test.avi', 'tests_data_test.mp4',
                     'demo_demo_skeleton.mp4'):
            result = track_micro_motion(f'{videos}/{name}', estimator)
            assert len(result.parts) == 14, name
            for frames in result.parts.values():
                assert len(frames) == result.num_frames
                values = np.array(
                    [f['vector'] + f['coord'] + f['directions']
                     for f in frames])
                assert np.isfinite(values).all(), name
                assert ((values[:, 2:4] >= 0) & (values[:, 2:4] <= 1)).all()
                assert (values[:, 4:] >= 0).all()

    def speed(part, lo, hi):
        vectors = np.array([f['vector'] for f in result.parts[part][lo:hi]])
        return np.linalg.norm(vectors, axis=1).mean()

    # frames 12-24 (checked by eye): the man in the dark jacket swings his
    # left arm out to the side; his legs stay where they are
    arm = max(speed(p, 12, 24) for p in ('Left_Lower_Arm', 'Left_Hand'))
    legs = max(
        speed(f'{s}_{p}', 12, 24) for s in ('Left', 'Right')
        for p in ('Upper_Leg', 'Lower_Leg', 'Foot'))
    assert arm > 4 * legs
    # the flow moves a part the way its keypoints move (12-48, the
    # busiest parts): summed vectors vs. the displacement of its coord
    w, h = result.size
    scale = min(1.0, 640 / max(w, h))
    for part in ('Left_Lower_Arm', 'Right_Hand', 'Torso'):
        frames = result.parts[part]
        flow = np.array([f['vector'] for f in frames[13:49]]).sum(0)
        (x0, y0), (x1, y1) = frames[12]['coord'], frames[48]['coord']
        moved = np.array([(x1 - x0) * w, (y0 - y1) * h])  # vy up
        cosine = flow @ moved / (np.linalg.norm(flow) * np.linalg.norm(
            moved))
        assert cosine > 0.7, (part, flow, moved, scale)


def test_no_person_keeps_every_part_finite_at_the_centre(tmp_path):
    """Documented behaviour: before anyone is found every part sits at the
    frame centre and reads the flow there."""
    moving_square(tmp_path / 'square.mp4', (1, 0), frames=6)
    with build_pose_estimator(dict(type='MediaPipePose',
                                   smooth=False)) as estimator:
        result = track_micro_motion(str(tmp_path / 'square.mp4'), estimator)
    for frames in result.parts.values():
        assert [f['coord'] for f in frames] == [[0.5, 0.5]] * 6
        assert np.isfinite([f['vector'] for f in frames]).all()
