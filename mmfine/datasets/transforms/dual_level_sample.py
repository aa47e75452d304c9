"""Dual-level temporal sampling of SeFAR (Sec. "Dual-level Temporal
Elements", Eq. 5)."""
from typing import Dict, Sequence

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS
from mmfine.structures.temporal_elements import check_elements


@TRANSFORMS.register_module()
class DualLevelSampleFrames(BaseTransform):
    """Sample ``K = sum(elements)`` frames, one per TSN segment, for
    MMAction2's decoders (``DecordDecode``, ...).

    The frames stay in time order, so that decoders read forward (no
    backward seeks); which segment belongs to which element is the fixed
    layout ``element_segments(elements)``, which the element transforms
    (``ReverseFineElements``, ``WarpElements``) and the backbone
    (``MultiGranularTimeSformer``, which groups the frames element by
    element) share.

    Training draws a random frame in each segment; ``test_mode`` takes each
    segment's middle frame. A video shorter than ``K`` frames has segments
    shorter than one frame: they then share frames (indices repeat, in
    order), which is the TSN convention; an empty video is an error naming
    the file.

    Required keys: ``total_frames``, ``start_index`` (optional).
    Added keys: ``frame_inds`` ``(num_clips * K,)``, ``clip_len`` (``K``),
    ``frame_interval`` (None), ``num_clips``, ``elements``.

    Args:
        elements (Sequence[int]): ``{L-...-C}``, fine element lengths then
            the context length. Defaults to ``(2, 2, 4)`` ({2-2-4}).
        num_clips (int): Views per video (each a full set of elements);
            test-time views shift the segment offsets evenly. Defaults
            to 1.
        test_mode (bool): Deterministic middle frames. Defaults to False.
    """

    def __init__(self,
                 elements: Sequence[int] = (2, 2, 4),
                 num_clips: int = 1,
                 test_mode: bool = False) -> None:
        self.elements = check_elements(elements)
        self.num_clips, self.test_mode = num_clips, test_mode

    def segment_frames(self, total: int) -> np.ndarray:
        """``(num_clips, K)`` frame index of each segment, in time order."""
        k = sum(self.elements)
        edges = np.arange(k + 1) * total / k
        starts, lengths = edges[:-1], np.diff(edges)
        if self.test_mode:
            offsets = (np.arange(self.num_clips) + 0.5) / self.num_clips
        else:
            offsets = np.random.rand(self.num_clips, k)
        frames = np.floor(starts + lengths *
                          np.reshape(offsets, (self.num_clips, -1))).astype(
                              np.int64)
        return np.clip(frames, 0, total - 1)

    def transform(self, results: Dict) -> Dict:
        total = int(results['total_frames'])
        if total < 1:
            raise ValueError(
                f"{results.get('filename', 'a video')} has no frames")
        frames = self.segment_frames(total)
        results['frame_inds'] = frames.reshape(-1) + results.get(
            'start_index', 0)
        results['clip_len'] = sum(self.elements)
        results['frame_interval'] = None
        results['num_clips'] = self.num_clips
        results['elements'] = list(self.elements)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(elements={self.elements}, '
                f'num_clips={self.num_clips}, test_mode={self.test_mode})')
