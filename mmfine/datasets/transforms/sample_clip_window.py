"""Pick the clips of a video an AQA model sees."""
import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS


@TRANSFORMS.register_module()
class SampleClipWindow(BaseTransform):
    """In training, a window of ``num_clips`` consecutive clips at a random
    start (CoFInAl Sect. 4.1: 68 for RG, 124 for Fis-V); a shorter video
    keeps all its clips (the batch pads it and masks the padding). In test
    mode every clip.

    Args:
        num_clips (int): Window length in clips.
        test_mode (bool): Keep every clip. Defaults to False.

    Required keys: ``clip_features``. Modified keys: ``clip_features``.
    Added keys: ``clip_start``.
    """

    def __init__(self, num_clips: int, test_mode: bool = False) -> None:
        if num_clips < 1:
            raise ValueError(f'num_clips must be >= 1, got {num_clips}')
        self.num_clips = num_clips
        self.test_mode = test_mode

    def transform(self, results: dict) -> dict:
        features = results['clip_features']
        start = 0
        if not self.test_mode and len(features) > self.num_clips:
            start = int(np.random.randint(len(features) - self.num_clips + 1))
            features = features[start:start + self.num_clips]
        results['clip_features'] = features
        results['clip_start'] = start
        return results

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(num_clips={self.num_clips}, '
                f'test_mode={self.test_mode})')
