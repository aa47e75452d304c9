import pytest

from mmfine.datasets.semi_supervised_split import split_labeled


def test_split_is_stratified_and_reproducible():
    lines = [f'v{i}.mp4 {i % 4}' for i in range(200)]
    labeled, unlabeled = split_labeled(lines, 10, seed=5)
    assert len(labeled) == 20 and len(unlabeled) == 180
    assert sorted(int(line.split()[1]) for line in labeled) == sorted(
        [c for c in range(4) for _ in range(5)])
    assert set(labeled).isdisjoint(unlabeled)
    assert split_labeled(lines, 10, seed=5) == (labeled, unlabeled)
    assert split_labeled(lines, 10, seed=6)[0] != labeled
    with pytest.raises(ValueError, match='line 2'):
        split_labeled(['a.mp4 1', 'b.mp4 x'], 50)
