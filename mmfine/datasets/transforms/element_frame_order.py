"""Reorder the frames inside the elements of ``DualLevelSampleFrames``."""
from typing import Dict, Sequence

import numpy as np
from mmcv.transforms import BaseTransform

from mmfine.structures.temporal_elements import element_segments


class ElementFrameOrder(BaseTransform):
    """Base of the transforms that reorder frames inside the elements.

    The clip's frames are in time order, each element on its segments of
    ``element_segments(elements)``; subclasses give ``element_order(length,
    is_context)``, the new order of one element's frames, and the frames at
    that element's positions are permuted accordingly (in every one of the
    ``num_clips`` views), in ``imgs`` (decoded frames) and ``frame_inds``,
    before or after decoding.

    Required keys: ``elements``, ``num_clips``, and ``imgs`` or
    ``frame_inds``."""

    def element_order(self, length: int, is_context: bool) -> np.ndarray:
        """The new order of an element's ``length`` frames."""
        raise NotImplementedError

    def permutation(self, elements: Sequence[int],
                    num_clips: int) -> np.ndarray:
        """New frame order of all the views, ``(num_clips * K,)``."""
        segments = element_segments(elements)
        k = sum(elements)
        perm = np.arange(num_clips * k)
        for clip in range(num_clips):
            for e, positions in enumerate(segments):
                positions = np.asarray(positions) + clip * k
                perm[positions] = positions[self.element_order(
                    len(positions), e == len(segments) - 1)]
        return perm

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
