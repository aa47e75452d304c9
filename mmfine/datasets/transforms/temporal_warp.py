"""Temporal warping inside each element: the strong temporal augmentation
of the SVFormer-style baseline."""
import numpy as np

from mmaction.registry import TRANSFORMS
from .element_frame_order import ElementFrameOrder


@TRANSFORMS.register_module()
class WarpElements(ElementFrameOrder):
    """Stretch some frames and squeeze others inside every element (of
    ``DualLevelSampleFrames``), keeping time order: each element of length
    ``L`` is resampled at ``L`` sorted random positions drawn with
    replacement, with its first and last frame kept (SVFormer's temporal
    warping, applied per element so that elements keep their frames).
    """

    def element_order(self, length: int, is_context: bool) -> np.ndarray:
        picks = np.sort(np.random.randint(0, length, length))
        if length > 1:
            picks[0], picks[-1] = 0, length - 1
        return picks
