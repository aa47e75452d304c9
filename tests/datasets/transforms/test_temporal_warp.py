import numpy as np

from mmfine.datasets.transforms import WarpElements
from mmfine.structures import element_segments


def test_warp_keeps_order_and_ends_inside_each_element():
    np.random.seed(1)
    perm = WarpElements().permutation([2, 2, 6], 2)
    for clip in range(2):
        for positions in element_segments([2, 2, 6]):
            positions = np.asarray(positions) + 10 * clip
            part = perm[positions]
            assert part[0] == positions[0] and part[-1] == positions[-1]
            assert set(part) <= set(positions)
            assert (np.diff(part) >= 0).all()


def test_warp_changes_the_inner_frames_of_long_elements():
    """Elements of two frames keep both ends, so only longer ones can
    change: their inner frames are redrawn (some repeated, some left
    out) in most draws."""
    np.random.seed(0)
    context = element_segments([2, 2, 6])[-1]
    changed = 0
    for _ in range(50):
        part = WarpElements().permutation([2, 2, 6], 1)[context]
        changed += bool((part != np.asarray(context)).any())
    assert changed > 40  # identity has probability ~1/256 per draw
