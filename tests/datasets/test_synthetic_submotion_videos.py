import numpy as np
import pytest

from mmfine.datasets.synthetic_submotion_videos import (CLASSES, event_profile,
                                                        render_submotion)


def test_every_event_reads_the_same_backwards():
    rng = np.random.default_rng(0)
    for _ in range(20):
        profile = event_profile(24, 6, 2, rng)
        frames = np.flatnonzero(profile > 0)
        assert len(frames) == 12  # two events of 6 frames, maybe adjacent
        for event in frames.reshape(2, 6):
            assert (np.diff(event) == 1).all()
            bump = profile[event]
            np.testing.assert_allclose(bump, bump[::-1])


def test_only_the_submotion_carries_the_class():
    """Without sub-motion (amplitude 0) every class renders the same video
    from the same seed: direction, speed, size, colour, timing and
    background are drawn independently of the class."""
    videos = [
        render_submotion(label, 24, 32, np.random.default_rng(5), 0.0)
        for label in range(len(CLASSES))
    ]
    for video in videos[1:]:
        np.testing.assert_array_equal(video, videos[0])


@pytest.mark.parametrize('label', range(1, len(CLASSES)))
def test_each_class_changes_the_object_only_during_its_events(label):
    seed = 7
    steady = render_submotion(0, 24, 32, np.random.default_rng(seed))
    moving = render_submotion(label, 24, 32, np.random.default_rng(seed))
    profile = event_profile(24, 6, 2, np.random.default_rng(seed))
    differs = np.abs(moving.astype(int) - steady).max(axis=(1, 2, 3)) > 40
    assert differs[profile > 0.7].all()  # near the peaks: visibly changed
    assert not differs[profile == 0].any()  # outside the events: identical


def test_bad_requests_are_refused():
    with pytest.raises(ValueError, match='do not fit'):
        event_profile(10, 6, 2, np.random.default_rng(0))
    with pytest.raises(ValueError, match='not one of the 6 classes'):
        render_submotion(6, 24, 32, np.random.default_rng(0))
