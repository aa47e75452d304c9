"""The strong temporal augmentation of SeFAR (Sec. "Perturbation of
Fine-grained Temporal Elements", Eq. 6)."""
import numpy as np

from mmaction.registry import TRANSFORMS
from .element_frame_order import ElementFrameOrder


@TRANSFORMS.register_module()
class ReverseFineElements(ElementFrameOrder):
    """Reverse the frame order inside each fine-grained element; keep the
    context element (the last) as it is (Eq. 6).

    Works on the frames of ``DualLevelSampleFrames`` (element by element,
    ``num_clips`` views one after the other), before or after decoding:
    it permutes ``imgs`` when present and ``frame_inds``. The authors'
    released code flips dimension 1 of a ``B, C, T, H, W`` tensor, which
    reverses the colour channels, not time; this follows the paper.
    """

    @staticmethod
    def permutation(elements, num_clips: int) -> np.ndarray:
        """Frame order after the reversal, ``(num_clips * K,)``."""
        *fine, context = elements
        order, start = [], 0
        for length in fine:
            order += list(range(start + length - 1, start - 1, -1))
            start += length
        order += list(range(start, start + context))
        k = start + context
        return np.concatenate([np.array(order) + c * k
                               for c in range(num_clips)])
