"""The strong temporal augmentation of SeFAR (Sec. "Perturbation of
Fine-grained Temporal Elements", Eq. 6)."""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS


@TRANSFORMS.register_module()
class ReverseFineElements(BaseTransform):
    """Reverse the frame order inside each fine-grained element; keep the
    context element (the last) as it is (Eq. 6).

    Works on the frames of ``DualLevelSampleFrames`` (element by element,
    ``num_clips`` views one after the other), before or after decoding:
    it permutes ``imgs`` when present and ``frame_inds``. The authors'
    released code flips dimension 1 of a ``B, C, T, H, W`` tensor, which
    reverses the colour channels, not time; this follows the paper.

    Required keys: ``elements``, ``num_clips``, and ``imgs`` or
    ``frame_inds``.
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

    def transform(self, results: Dict) -> Dict:
        if 'elements' not in results:
            raise KeyError('ReverseFineElements needs the elements of '
                           'DualLevelSampleFrames earlier in the pipeline')
        perm = self.permutation(results['elements'],
                                results.get('num_clips', 1))
        if 'imgs' in results:
            if len(results['imgs']) != len(perm):
                raise ValueError(f"{len(results['imgs'])} frames do not make "
                                 f"{results.get('num_clips', 1)} clip(s) of "
                                 f"elements {results['elements']}")
            results['imgs'] = [results['imgs'][i] for i in perm]
        if 'frame_inds' in results:
            results['frame_inds'] = np.asarray(results['frame_inds'])[perm]
        return results
