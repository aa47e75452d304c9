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
