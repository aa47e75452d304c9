"""Reorder the frames of ``DualLevelSampleFrames``' elements."""
from typing import Dict, Sequence

import numpy as np
from mmcv.transforms import BaseTransform


class ElementFrameOrder(BaseTransform):
    """Base of the transforms that reorder frames inside the elements:
    subclasses give ``permutation(elements, num_clips)``, the new frame
    order of all the clips; it is applied to ``imgs`` (decoded frames) and
    ``frame_inds``, before or after decoding.

    Required keys: ``elements``, ``num_clips``, and ``imgs`` or
    ``frame_inds``."""

    @staticmethod
    def permutation(elements: Sequence[int], num_clips: int) -> np.ndarray:
        raise NotImplementedError

    def transform(self, results: Dict) -> Dict:
        if 'elements' not in results:
            raise KeyError(f'{type(self).__name__} needs the elements of '
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
