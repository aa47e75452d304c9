import numpy as np
import pytest
import torch

from mmfine.datasets.transforms import RestoreDroppedFrames, TemporalCorruption
from mmfine.structures import RESTORERS
from mmfine.testing import sampled


@pytest.mark.parametrize('method', ['linear_interpolation',
                                    'left_to_right_copy'])
def test_restore_dropped_frames_fills_each_clip(method):
    out = TemporalCorruption('severe', test_mode=True)(sampled())
    corrupt = out['keypoint'].copy()
    restored = RestoreDroppedFrames(method)(out)
    for c in range(10):
        seg = slice(16 * c, 16 * c + 16)
        keep = torch.as_tensor(out['frame_mask'][c])
        ref = RESTORERS[method](torch.as_tensor(corrupt[:, seg]),
                                keep[None].expand(1, 16))
        np.testing.assert_allclose(restored['keypoint'][:, seg], ref.numpy())
    with pytest.raises(ValueError, match='after TemporalCorruption'):
        RestoreDroppedFrames()(sampled())
