import numpy as np

from mmaction.datasets.transforms import PoseCompact
from mmfine.compat import numpy2_aliases


def _pose_results():
    kp = np.random.default_rng(0).uniform(10, 90, (1, 4, 17, 2))
    return dict(keypoint=kp.astype(np.float32), img_shape=(100, 100))


def test_mmaction_uses_removed_names(monkeypatch):
    monkeypatch.delattr(np, 'Inf')
    try:
        PoseCompact()(_pose_results())
    except AttributeError as e:
        assert 'Inf' in str(e)
    else:
        raise AssertionError('PoseCompact should need np.Inf')


def test_aliases_restore_removed_names(monkeypatch):
    for name, target in numpy2_aliases.ALIASES.items():
        if hasattr(np, target):  # numpy 1.26 has no trapezoid yet
            monkeypatch.delattr(np, name, raising=False)
    assert numpy2_aliases.apply() is True
    assert np.Inf == np.inf
    assert np.in1d([1, 5], [5]).tolist() == [False, True]
    out = PoseCompact()(_pose_results())
    assert out['keypoint'].shape == (1, 4, 17, 2)


def test_existing_names_untouched():
    before = {name: getattr(np, name) for name in numpy2_aliases.ALIASES}
    assert numpy2_aliases.apply() is False
    assert all(getattr(np, n) is f for n, f in before.items())
