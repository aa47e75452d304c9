import numpy as np

from mmfine.structures import burst_drop_mask, random_drop_mask


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


def test_at_least_one_frame_is_kept():
    keep = random_drop_mask(3, 0.99, np.random.default_rng(0))
    assert keep.sum() == 1
