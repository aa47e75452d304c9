"""Completion pre-training windows on extracted skeletons: every frame of
every window detected, reproducible at test time, samples without such a
window named and left out by the dataset."""
import numpy as np
import pytest

from mmfine.datasets.transforms import SampleDetectedWindow
from mmfine.datasets.transforms.detected_window import (detected_window_starts,
                                                        longest_detected_run)


def results(detected):
    score = np.asarray(detected, np.float32)[None, :, None].repeat(17, 2)
    return dict(frame_dir='v', total_frames=len(detected),
                keypoint_score=score)


def test_windows_hold_only_detected_frames():
    detected = np.ones(40, bool)
    detected[[3, 20, 21, 33]] = False
    assert detected_window_starts(detected, 8).tolist() == \
        list(range(4, 13)) + list(range(22, 26))
    np.random.seed(0)
    for _ in range(50):
        out = SampleDetectedWindow(8, num_clips=2)(results(detected))
        assert out['frame_inds'].shape == (16, )
        assert detected[out['frame_inds']].all()
        for clip in out['frame_inds'].reshape(2, 8):
            assert (np.diff(clip) == 1).all()
    test = SampleDetectedWindow(8, num_clips=3, test_mode=True)
    first = test(results(detected))['frame_inds']
    assert (first == test(results(detected))['frame_inds']).all()
    assert first.reshape(3, 8)[:, 0].tolist() == [4, 10, 25]


def test_a_sample_without_a_window_is_named():
    detected = np.ones(20, bool)
    detected[::6] = False
    assert longest_detected_run(results(detected)) == 5
    with pytest.raises(ValueError, match='v: no 8 consecutive.*'
                       'min_detected_run=8'):
        SampleDetectedWindow(8)(results(detected))
    with pytest.raises(ValueError, match='positive'):
        SampleDetectedWindow(0)
