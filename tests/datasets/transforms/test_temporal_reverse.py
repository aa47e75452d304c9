import numpy as np

from mmfine.datasets.transforms import ReverseFineElements
from mmfine.structures import element_segments


def test_reverse_fine_elements_is_a_time_reversal_of_each_fine_element():
    frames = [np.full((2, 2, 3), i, np.uint8) for i in range(16)]
    out = ReverseFineElements()(dict(imgs=list(frames), elements=[2, 2, 4],
                                     num_clips=2,
                                     frame_inds=np.arange(16)))
    values = [int(f[0, 0, 0]) for f in out['imgs']]
    # element 0 on segments {3, 7} and element 1 on {1, 5} swap their two
    # frames; the context {0, 2, 4, 6} stays; both views alike
    assert values == [0, 5, 2, 7, 4, 1, 6, 3, 8, 13, 10, 15, 12, 9, 14, 11]
    np.testing.assert_array_equal(out['frame_inds'], values)
    segments = element_segments([2, 2, 4])
    for e, positions in enumerate(segments):
        got = [values[p] for p in positions]
        assert got == (positions if e == 2 else positions[::-1])
