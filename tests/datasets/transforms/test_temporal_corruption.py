import numpy as np
import pytest

from mmfine.datasets.transforms import (TemporalCorruption, block_drop_mask,
                                        burst_drop_mask, prompt_mask,
                                        random_drop_mask)


def clip(frames=16, clips=1, name='v0'):
    kp = np.arange(clips * frames, dtype=np.float32)[None, :, None, None] + 1
    kp = np.broadcast_to(kp, (1, clips * frames, 17, 2)).copy()
    return dict(keypoint=kp, keypoint_score=np.ones((1, clips * frames, 17),
                                                    np.float32),
                clip_len=frames, num_clips=clips, frame_dir=name)


@pytest.mark.parametrize('level,dropped', [('minor', 4), ('moderate', 8),
                                           ('severe', 12), (0.3, 5)])
def test_drops_the_ratio_keeps_order_and_zeroes(level, dropped):
    out = TemporalCorruption(level)(clip())
    keep = out['frame_mask'][0] > 0
    assert (~keep).sum() == dropped
    frames = out['keypoint'][0, :, 0, 0]
    np.testing.assert_array_equal(frames[keep], np.flatnonzero(keep) + 1)
    assert (frames[~keep] == 0).all()
    assert (out['keypoint_score'][0, ~keep] == 0).all()


def test_test_mode_is_reproducible_per_sample():
    make = lambda: TemporalCorruption('severe', test_mode=True, seed=3)  # noqa
    a = make()(clip(name='a'))['frame_mask']
    np.testing.assert_array_equal(a, make()(clip(name='a'))['frame_mask'])
    assert not np.array_equal(a, make()(clip(name='b'))['frame_mask'])
    other_seed = TemporalCorruption('severe', test_mode=True, seed=4)
    assert not np.array_equal(a, other_seed(clip(name='a'))['frame_mask'])


def test_training_mode_is_random():
    t = TemporalCorruption('moderate')
    masks = {t(clip())['frame_mask'].tobytes() for _ in range(10)}
    assert len(masks) > 1


def test_compact_moves_kept_frames_to_the_front_in_order():
    inplace = TemporalCorruption('moderate', test_mode=True)(clip())
    compact = TemporalCorruption('moderate', test_mode=True,
                                 pad='compact')(clip())
    kept = inplace['keypoint'][0, inplace['frame_mask'][0] > 0, 0, 0]
    np.testing.assert_array_equal(compact['keypoint'][0, :8, 0, 0], kept)
    assert (compact['keypoint'][0, 8:] == 0).all()
    np.testing.assert_array_equal(compact['frame_mask'][0],
                                  [1] * 8 + [0] * 8)


def test_each_clip_is_corrupted_on_its_own():
    out = TemporalCorruption('severe', test_mode=True)(clip(clips=3))
    assert out['frame_mask'].shape == (3, 16)
    assert (out['frame_mask'].sum(1) == 4).all()
    assert len({m.tobytes() for m in out['frame_mask']}) == 3


def test_burst_mode_drops_runs():
    rng = np.random.default_rng(0)
    runs = []
    for _ in range(50):
        keep = burst_drop_mask(64, 0.5, rng, mean_burst=6)
        assert (~keep).sum() == 32
        edges = np.diff(np.concatenate([[1], keep.astype(int), [1]]))
        runs.append(32 / (edges == -1).sum())
    uniform = []
    for _ in range(50):
        keep = random_drop_mask(64, 0.5, rng)
        edges = np.diff(np.concatenate([[1], keep.astype(int), [1]]))
        uniform.append(32 / (edges == -1).sum())
    assert np.mean(runs) > 2 * np.mean(uniform)


def test_block_and_pattern_prompt_masks():
    np.testing.assert_array_equal(block_drop_mask(8, 0.5, 'prefix'),
                                  [0] * 4 + [1] * 4)
    np.testing.assert_array_equal(block_drop_mask(8, 0.5, 'suffix'),
                                  [1] * 4 + [0] * 4)
    np.testing.assert_array_equal(block_drop_mask(8, 0.5, 'middle'),
                                  [1, 1, 0, 0, 0, 0, 1, 1])
    query = random_drop_mask(8, 0.5, np.random.default_rng(1))
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(
        prompt_mask('pattern', 8, 0.5, rng, query), query)
    with pytest.raises(ValueError, match='unknown masking strategy'):
        prompt_mask('sideways', 8, 0.5, rng)


@pytest.mark.parametrize('bad', [1.0, -0.1, 'extreme', []])
def test_bad_ratios_are_refused(bad):
    with pytest.raises(ValueError):
        TemporalCorruption(bad)


def test_at_least_one_frame_is_kept():
    keep = random_drop_mask(3, 0.99, np.random.default_rng(0))
    assert keep.sum() == 1


def test_placed_before_sampling_is_a_clear_error():
    results = clip()
    results['clip_len'] = 10
    with pytest.raises(ValueError, match='after UniformSampleFrames'):
        TemporalCorruption()(results)
