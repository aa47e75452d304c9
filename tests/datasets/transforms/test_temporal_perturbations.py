"""The perturbations of the paper's Tables 4 and 7, checked on frame
indices: what each keeps and what it changes, per view."""
import numpy as np
import pytest

from mmfine.datasets.transforms import PerturbWholeClip, ShuffleFineElements
from mmfine.structures import element_segments

ELEMENTS = [2, 2, 4]


def test_local_shuffle_keeps_each_elements_frames_and_the_context():
    np.random.seed(0)
    segments = element_segments(ELEMENTS)
    changed = False
    for _ in range(20):
        perm = ShuffleFineElements().permutation(ELEMENTS, 2)
        for clip in range(2):
            for e, positions in enumerate(segments):
                positions = np.asarray(positions) + 8 * clip
                part = perm[positions]
                assert sorted(part) == sorted(positions)
                if e == len(segments) - 1:
                    assert (part == positions).all()
                else:
                    changed |= bool((part != positions).any())
    assert changed


def test_reverse_runs_each_view_backwards():
    perm = PerturbWholeClip('reverse').permutation(ELEMENTS, 2)
    assert perm.tolist() == list(range(7, -1, -1)) + list(range(15, 7, -1))


def test_shuffle_permutes_within_each_view():
    np.random.seed(0)
    perm = PerturbWholeClip('shuffle').permutation(ELEMENTS, 2)
    assert sorted(perm[:8]) == list(range(8))
    assert sorted(perm[8:]) == list(range(8, 16))
    assert perm.tolist() != list(range(16))


@pytest.mark.parametrize('k_elements', [[2, 2, 4], [2, 4], [2, 2, 3]])
def test_half_shows_a_contiguous_half_twice(k_elements):
    np.random.seed(0)
    k = sum(k_elements)
    for _ in range(10):
        order = PerturbWholeClip('half').clip_order(k)
        assert len(order) == k
        kept = np.unique(order)
        assert len(kept) == -(-k // 2)
        assert (np.diff(kept) == 1).all()  # contiguous
        assert (np.diff(order) >= 0).all()
        assert (np.bincount(order)[kept][:k // 2] == 2).all()


def test_drop_repeats_the_last_kept_frame():
    np.random.seed(0)
    transform = PerturbWholeClip('drop', drop_ratio=0.5)
    orders = [transform.clip_order(8) for _ in range(200)]
    for order in orders:
        assert order[0] == 0 and (np.diff(order) >= 0).all()
        # a frame is either itself or the last kept one before it
        kept = set(order.tolist())
        for i, shown in enumerate(order):
            assert shown == max(j for j in kept if j <= i)
    shown = np.mean([len(set(o.tolist())) for o in orders])
    assert 4.0 < shown < 5.0  # 1 + 7 * 0.5 kept on average


def test_permutes_decoded_frames_and_indices():
    np.random.seed(0)
    results = dict(
        elements=ELEMENTS, num_clips=1, imgs=[np.full((2, 2, 3), i)
                                              for i in range(8)],
        frame_inds=np.arange(10, 18))
    out = PerturbWholeClip('reverse')(results)
    assert [int(img[0, 0, 0]) for img in out['imgs']] == list(range(7, -1,
                                                                    -1))
    assert out['frame_inds'].tolist() == list(range(17, 9, -1))


def test_bad_arguments():
    with pytest.raises(ValueError, match='mode must be one of'):
        PerturbWholeClip('backwards')
    with pytest.raises(ValueError, match='drop_ratio'):
        PerturbWholeClip('drop', drop_ratio=1.0)
    with pytest.raises(KeyError, match='DualLevelSampleFrames'):
        PerturbWholeClip('reverse')(dict(imgs=[]))
