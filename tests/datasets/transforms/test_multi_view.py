import numpy as np

from mmfine.datasets.transforms import MultiView


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
