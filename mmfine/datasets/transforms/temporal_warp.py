"""Temporal warping inside each element: the strong temporal augmentation
of the SVFormer-style baseline."""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS


@TRANSFORMS.register_module()
class WarpElements(BaseTransform):
    """Stretch some frames and squeeze others inside every element (of
    ``DualLevelSampleFrames``), keeping time order: each element of length
    ``L`` is resampled at ``L`` sorted random positions drawn with
    replacement, with its first and last frame kept (SVFormer's temporal
    warping, applied per element so that elements keep their frames).

    Required keys: ``elements``, ``num_clips``, ``imgs`` or ``frame_inds``.
    """

    @staticmethod
    def permutation(elements, num_clips: int) -> np.ndarray:
        order, start = [], 0
        for _ in range(num_clips):
            for length in elements:
                picks = np.sort(np.random.randint(0, length, length))
                if length > 1:
                    picks[0], picks[-1] = 0, length - 1
                order += list(start + picks)
                start += length
        return np.array(order)

    def transform(self, results: Dict) -> Dict:
        if 'elements' not in results:
            raise KeyError('WarpElements needs the elements of '
                           'DualLevelSampleFrames earlier in the pipeline')
        perm = self.permutation(results['elements'],
                                results.get('num_clips', 1))
        if 'imgs' in results:
            results['imgs'] = [results['imgs'][i] for i in perm]
        if 'frame_inds' in results:
            results['frame_inds'] = np.asarray(results['frame_inds'])[perm]
        return results
