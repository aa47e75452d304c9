"""Restore dropped frames in the pipeline with a simple restorer (the
interpolation and duplication baselines of FineTec Fig. 4 and Table 3)."""
from typing import Dict

import numpy as np
import torch
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS
from mmfine.structures.frame_restoration import RESTORERS


@TRANSFORMS.register_module()
class RestoreDroppedFrames(BaseTransform):
    """Fill the frames ``TemporalCorruption`` dropped, clip by clip, so that
    an unchanged recognizer (e.g. MMAction2's ST-GCN) sees restored input.

    Place it right after ``TemporalCorruption``. Each person's coordinates
    (the first ``coord_dims`` channels) and scores are restored from the
    kept frames of the same clip; a person absent from the clip (all-zero)
    stays zero; a clip with no kept frame stays as it is. ``frame_mask`` is
    unchanged: it still tells which frames were observed.

    Required keys: ``keypoint`` ``(M, num_clips * clip_len, V, C)``,
    ``frame_mask`` ``(num_clips, clip_len)``; optional ``keypoint_score``.
    Modified keys: ``keypoint``, ``keypoint_score``.

    Args:
        method (str): ``'linear_interpolation'``, ``'left_to_right_copy'`` or
            ``'right_to_left_copy'``. Defaults to
            ``'linear_interpolation'``.
    """

    def __init__(self, method: str = 'linear_interpolation') -> None:
        if method not in RESTORERS:
            raise ValueError(f'unknown restorer {method!r}; expected one of '
                             f'{sorted(RESTORERS)}')
        self.method = method

    def transform(self, results: Dict) -> Dict:
        if 'frame_mask' not in results:
            raise ValueError(
                f"{results.get('frame_dir', 'sample')}: no frame_mask; place "
                'RestoreDroppedFrames after TemporalCorruption')
        masks = np.asarray(results['frame_mask'])
        num_clips, clip_len = masks.shape
        restore = RESTORERS[self.method]
        for key in ('keypoint', 'keypoint_score'):
            if key not in results:
                continue
            value = results[key]
            m = value.shape[0]
            # (M, clips * len, ...) -> (M * clips, len, ...)
            seqs = value.reshape((m * num_clips, clip_len) + value.shape[2:])
            keep = np.tile(masks, (m, 1))
            present = seqs.reshape(len(seqs), -1).any(1) & (keep > 0.5).any(1)
            if present.any():
                out = seqs.copy()
                out[present] = restore(
                    torch.from_numpy(seqs[present]),
                    torch.from_numpy(keep[present])).numpy()
                results[key] = out.reshape(value.shape)
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(method={self.method!r})'
