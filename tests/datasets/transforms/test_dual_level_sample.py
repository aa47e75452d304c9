import numpy as np
import pytest

from mmfine.datasets.transforms import (DualLevelSampleFrames, MultiView,
                                        ReverseFineElements, WarpElements)
from mmfine.structures import element_segments


def test_frame_indices_for_known_length_and_seed():
    np.random.seed(0)
    out = DualLevelSampleFrames([2, 2, 4])(dict(total_frames=80,
                                                start_index=0))
    offsets = np.random.RandomState(0).rand(1, 8)[0]  # same draws
    segment = np.floor(np.arange(8) * 10 + 10 * offsets).astype(int)
    np.testing.assert_array_equal(out['frame_inds'], segment)  # time order
    assert out['clip_len'] == 8 and out['num_clips'] == 1


def test_test_mode_takes_segment_middles_and_views():
    out = DualLevelSampleFrames([2, 4], num_clips=2, test_mode=True)(
        dict(total_frames=60, start_index=1))
    # segments of 10 frames; views at 1/4 and 3/4 of each segment
    first = np.arange(6) * 10 + 2 + 1
    second = np.arange(6) * 10 + 7 + 1
    np.testing.assert_array_equal(out['frame_inds'],
                                  np.concatenate([first, second]))


def test_short_video_repeats_frames_in_order_and_empty_is_an_error():
    out = DualLevelSampleFrames([2, 2, 4], test_mode=True)(
        dict(total_frames=3, filename='short.mp4'))
    inds = out['frame_inds']
    assert (np.diff(inds) >= 0).all() and set(inds) == {0, 1, 2}
    with pytest.raises(ValueError, match='empty.mp4 has no frames'):
        DualLevelSampleFrames()(dict(total_frames=0, filename='empty.mp4'))


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


def test_multi_view_copies_frames_for_each_view():
    frames = [np.arange(12, dtype=np.uint8).reshape(2, 2, 3)
              for _ in range(8)]
    views = dict(
        weak=[dict(type='FormatShape', input_format='NCTHW'),
              dict(type='PackActionInputs')],
        strong=[dict(type='Flip', flip_ratio=1.0),
                dict(type='FormatShape', input_format='NCTHW'),
                dict(type='PackActionInputs')])
    out = MultiView(views)(dict(imgs=frames, num_clips=1, clip_len=8,
                                label=3, img_shape=(2, 2),
                                modality='RGB'))
    weak, strong = out['inputs']['weak'], out['inputs']['strong']
    assert weak.shape == strong.shape == (1, 3, 8, 2, 2)
    np.testing.assert_array_equal(strong.numpy(), weak.flip(-1).numpy())
    assert int(out['data_samples'].gt_label) == 3
