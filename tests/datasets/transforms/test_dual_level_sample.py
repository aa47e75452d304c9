import numpy as np
import pytest

from mmfine.datasets.transforms import DualLevelSampleFrames


def test_frame_indices_for_known_length_and_seed():
    np.random.seed(0)
    out = DualLevelSampleFrames([2, 2, 4])(dict(total_frames=80,
                                                start_index=0))
    offsets = np.random.RandomState(0).rand(1, 8)[0]  # same draws
    segment = np.floor(np.arange(8) * 10 + 10 * offsets).astype(int)
    np.testing.assert_array_equal(out['frame_inds'], segment)  # time order
    assert out['clip_len'] == 8 and out['num_clips'] == 1


def test_test_mode_takes_segment_middles_and_views():
    out = DualLevelSampleFrames([2, 4], num_clips=2, test_mode=True)(
        dict(total_frames=60, start_index=1))
    # segments of 10 frames; views at 1/4 and 3/4 of each segment
    first = np.arange(6) * 10 + 2 + 1
    second = np.arange(6) * 10 + 7 + 1
    np.testing.assert_array_equal(out['frame_inds'],
                                  np.concatenate([first, second]))


def test_short_video_repeats_frames_in_order_and_empty_is_an_error():
    out = DualLevelSampleFrames([2, 2, 4], test_mode=True)(
        dict(total_frames=3, filename='short.mp4'))
    inds = out['frame_inds']
    assert (np.diff(inds) >= 0).all() and set(inds) == {0, 1, 2}
    with pytest.raises(ValueError, match='empty.mp4 has no frames'):
        DualLevelSampleFrames()(dict(total_frames=0, filename='empty.mp4'))
