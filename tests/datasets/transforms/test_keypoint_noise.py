import numpy as np
import pytest

from mmfine.datasets.transforms import KeypointNoise


def sample(name='a'):
    kp = np.ones((1, 400, 17, 3), np.float32)
    kp[:, ::2] = 0  # dropped frames
    return dict(keypoint=kp, frame_dir=name)


def test_noise_has_the_std_on_observed_coordinates_only():
    out = KeypointNoise(0.05)(sample())['keypoint']
    assert (out[:, ::2] == 0).all()
    noise = out[:, 1::2, :, :2] - 1
    assert abs(noise.std() - 0.05) < 0.003
    np.testing.assert_array_equal(out[..., 2], sample()['keypoint'][..., 2])


def test_test_mode_is_seeded_per_sample():
    make = lambda name: KeypointNoise(0.1, test_mode=True)(  # noqa: E731
        sample(name))['keypoint']
    np.testing.assert_array_equal(make('a'), make('a'))
    assert not np.array_equal(make('a'), make('b'))


def test_negative_std_is_refused():
    with pytest.raises(ValueError, match='std'):
        KeypointNoise(-1)
