"""Temporal corruption of skeleton samples (FineTec, Sec. 3 "Task
Definition")."""
from typing import Dict, Sequence, Union

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS
from mmfine.structures.frame_drop_masks import (DROP_MODES, SCOPES,
                                                corruption_masks,
                                                resolve_ratio, sample_rng)

PADDINGS = ('inplace', 'compact')


@TRANSFORMS.register_module()
class TemporalCorruption(BaseTransform):
    """Drop a fraction of a sample's frames, zero them and carry a mask.

    Place it after ``UniformSampleFrames`` + ``PoseDecode`` and after the
    coordinate normalisation, so that dropped frames are exact zeros in the
    model's input.

    The invariant it keeps (``scope='sample'``, the default): the frames of
    a sample are dropped once, on its own timeline of ``total_frames``
    frames, and each sampled clip is looked up in that timeline
    (``frame_inds``). Every clip of a sample therefore misses the same
    frames, and at ratio ``r`` no more than ``round((1 - r) * total_frames)``
    distinct frames reach the model through all its clips together. At test
    time the drops depend only on ``seed`` and the sample's ``frame_dir``:
    every method and every run sees the same corrupted frames.
    ``scope='clip'`` draws the drops of each clip on its own (the protocol
    of the first mmfine release; ten test clips at 75% then see about 94%
    of the frames together).

    Required keys: ``keypoint`` ``(M, num_clips * clip_len, V, C)``,
    ``clip_len``; optional ``num_clips``, ``frame_inds``, ``total_frames``,
    ``keypoint_score``, ``frame_dir``.
    Added keys: ``frame_mask`` ``(num_clips, clip_len)`` float32, 1 where a
    real frame is; ``drop_ratio``.

    Args:
        drop_ratio (float | str | Sequence): A ratio in ``[0, 1)``, a level
            name (``'minor'`` 0.25, ``'moderate'`` 0.5, ``'severe'`` 0.75),
            or a list of them, one drawn per sample (to train one model for
            every level). Defaults to ``'moderate'``.
        scope (str): ``'sample'`` or ``'clip'`` (see above). Defaults to
            ``'sample'``.
        mode (str): ``'random'`` drops frames uniformly at random (the
            paper's protocol); ``'burst'`` drops runs of consecutive frames
            of mean length ``mean_burst``, as online detection loses fast
            motion. Defaults to ``'random'``.
        pad (str): ``'inplace'`` zeroes dropped frames where they were, so
            kept frames keep their time stamps (as in online detection);
            ``'compact'`` moves each clip's kept frames to its front in
            order and zero-pads the end, the paper's wording (the drop
            positions are then unknown to the model). Defaults to
            ``'inplace'``.
        mean_burst (float): Mean burst length of ``mode='burst'``.
            Defaults to 4.0.
        test_mode (bool): Seeded per sample when True, random when False.
            Defaults to False.
        seed (int): The seed of the test-mode corruption. Defaults to 0.
    """

    def __init__(self,
                 drop_ratio: Union[float, str, Sequence] = 'moderate',
                 scope: str = 'sample',
                 mode: str = 'random',
                 pad: str = 'inplace',
                 mean_burst: float = 4.0,
                 test_mode: bool = False,
                 seed: int = 0) -> None:
        ratios = drop_ratio if isinstance(drop_ratio,
                                          (list, tuple)) else [drop_ratio]
        self.ratios = [self.resolve_ratio(r) for r in ratios]
        if not self.ratios:
            raise ValueError('drop_ratio is an empty list')
        for name, value, allowed in (('scope', scope, SCOPES),
                                     ('mode', mode, DROP_MODES), ('pad', pad,
                                                                  PADDINGS)):
            if value not in allowed:
                raise ValueError(f'{name} must be one of {allowed}, got '
                                 f'{value!r}')
        self.scope, self.mode, self.pad = scope, mode, pad
        self.mean_burst = mean_burst
        self.test_mode, self.seed = test_mode, seed

    resolve_ratio = staticmethod(resolve_ratio)

    def _rng(self, results: Dict) -> np.random.Generator:
        if not self.test_mode:
            return np.random.default_rng(np.random.randint(2**31))
        return sample_rng(self.seed,
                          results.get('frame_dir', results.get('filename')))

    def transform(self, results: Dict) -> Dict:
        keypoint = results['keypoint']
        num_clips = results.get('num_clips', 1)
        clip_len = results.get('clip_len', keypoint.shape[1] // num_clips)
        name = results.get('frame_dir', 'sample')
        if keypoint.shape[1] != num_clips * clip_len:
            raise ValueError(
                f'{name}: keypoint has {keypoint.shape[1]} frames, expected '
                f'num_clips * clip_len = {num_clips} * {clip_len}; place '
                'TemporalCorruption after UniformSampleFrames and PoseDecode')
        inds = results.get('frame_inds')
        if inds is not None:
            # the timeline index PoseDecode read each frame from
            inds = np.asarray(inds).reshape(-1) + results.get('offset', 0)
        try:
            ratio, masks = corruption_masks(
                self._rng(results),
                self.ratios, num_clips, clip_len, self.scope,
                results.get('total_frames'), inds, self.mode, self.mean_burst)
        except ValueError as err:
            raise ValueError(f'{name}: {err}') from None
        if self.pad == 'compact':
            order = np.concatenate([
                clip * clip_len + np.argsort(~keep, kind='stable')
                for clip, keep in enumerate(masks)
            ])
            masks = np.sort(masks, axis=1)[:, ::-1]
        frame_keep = masks.reshape(-1)
        for key in ('keypoint', 'keypoint_score'):
            if key in results:
                value = results[key]
                if self.pad == 'compact':
                    value = value[:, order]
                value = value * frame_keep.reshape((1, -1) + (1, ) *
                                                   (value.ndim - 2)).astype(
                                                       value.dtype)
                results[key] = value
        results['frame_mask'] = masks.astype(np.float32)
        results['drop_ratio'] = ratio
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(drop_ratio={self.ratios}, '
                f'scope={self.scope!r}, mode={self.mode!r}, '
                f'pad={self.pad!r}, test_mode={self.test_mode}, '
                f'seed={self.seed})')
