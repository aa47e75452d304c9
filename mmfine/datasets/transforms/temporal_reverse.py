"""The strong temporal augmentation of SeFAR (Sec. "Perturbation of
Fine-grained Temporal Elements", Eq. 6)."""
import numpy as np

from mmaction.registry import TRANSFORMS
from .element_frame_order import ElementFrameOrder


@TRANSFORMS.register_module()
class ReverseFineElements(ElementFrameOrder):
    """Reverse the frame order inside each fine-grained element; keep the
    context element (the last) as it is (Eq. 6).

    Works on the frames of ``DualLevelSampleFrames`` (each element on its
    segments, ``num_clips`` views one after the other), before or after
    decoding: it permutes ``imgs`` when present and ``frame_inds``. The
    authors' released code flips dimension 1 of a ``B, C, T, H, W`` tensor,
    which reverses the colour channels, not time; this follows the paper.
    """

    def element_order(self, length: int, is_context: bool) -> np.ndarray:
        order = np.arange(length)
        return order if is_context else order[::-1]
