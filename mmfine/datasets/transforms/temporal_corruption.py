"""Temporal corruption of skeleton clips (FineTec, Sec. 3 "Task Definition")."""
from typing import Dict, Sequence, Union

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS
from .frame_drop_masks import clip_masks, sample_rng

LEVELS = {'minor': 0.25, 'moderate': 0.5, 'severe': 0.75}


@TRANSFORMS.register_module()
class TemporalCorruption(BaseTransform):
    """Drop a fraction of each clip's frames, zero them and carry a mask.

    Place it after ``UniformSampleFrames`` + ``PoseDecode`` and after the
    coordinate normalisation, so that dropped frames are exact zeros in the
    model's input. Each of the ``num_clips`` clips is corrupted on its own.

    Required keys: ``keypoint`` ``(M, num_clips * clip_len, V, C)``,
    ``clip_len``; optional ``keypoint_score``, ``num_clips``, ``frame_dir``.
    Added keys: ``frame_mask`` ``(num_clips, clip_len)`` float32, 1 = kept;
    ``drop_ratio``.

    Args:
        drop_ratio: a ratio in ``[0, 1)``, a level name (``'minor'`` 0.25,
            ``'moderate'`` 0.5, ``'severe'`` 0.75), or a list of them, one
            drawn per sample (e.g. to train one model for every level).
        mode: ``'random'`` drops frames uniformly at random (the paper's
            protocol); ``'burst'`` drops runs of consecutive frames of mean
            length ``mean_burst``, as online detection loses fast motion.
        pad: ``'inplace'`` zeroes dropped frames where they were (the mask
            tells where); ``'compact'`` moves the kept frames to the front in
            order and zero-pads the end, as in the paper's task definition
            (the drop positions are then unknown to the model).
        test_mode: when True, the drops of a sample depend only on ``seed``
            and its ``frame_dir``, so every method and every run sees the
            same corrupted inputs. When False they are random.
        seed: the seed of the test-mode corruption.
    """

    def __init__(self,
                 drop_ratio: Union[float, str, Sequence] = 'moderate',
                 mode: str = 'random',
                 pad: str = 'inplace',
                 mean_burst: float = 4.0,
                 test_mode: bool = False,
                 seed: int = 0) -> None:
        ratios = drop_ratio if isinstance(drop_ratio, (list, tuple)) else [
            drop_ratio]
        self.ratios = [self.resolve_ratio(r) for r in ratios]
        if not self.ratios:
            raise ValueError('drop_ratio is an empty list')
        if mode not in ('random', 'burst'):
            raise ValueError(f"mode must be 'random' or 'burst', got {mode!r}")
        if pad not in ('inplace', 'compact'):
            raise ValueError(f"pad must be 'inplace' or 'compact', got {pad!r}")
        self.mode, self.pad, self.mean_burst = mode, pad, mean_burst
        self.test_mode, self.seed = test_mode, seed

    @staticmethod
    def resolve_ratio(ratio) -> float:
        """A level name or a ratio in ``[0, 1)`` -> the ratio."""
        if isinstance(ratio, str):
            if ratio not in LEVELS:
                raise ValueError(f'unknown corruption level {ratio!r}; '
                                 f'expected one of {sorted(LEVELS)}')
            return LEVELS[ratio]
        if not 0 <= ratio < 1:
            raise ValueError(f'drop ratio must lie in [0, 1), got {ratio}: '
                             'a clip with every frame dropped cannot be '
                             'restored')
        return float(ratio)

    def _rng(self, results: Dict) -> np.random.Generator:
        if not self.test_mode:
            return np.random.default_rng(np.random.randint(2**31))
        return sample_rng(self.seed,
                          results.get('frame_dir', results.get('filename')))

    def transform(self, results: Dict) -> Dict:
        keypoint = results['keypoint']
        num_clips = results.get('num_clips', 1)
        clip_len = results.get('clip_len', keypoint.shape[1] // num_clips)
        if keypoint.shape[1] != num_clips * clip_len:
            raise ValueError(
                f"{results.get('frame_dir', 'sample')}: keypoint has "
                f'{keypoint.shape[1]} frames, expected num_clips * clip_len '
                f'= {num_clips} * {clip_len}; place TemporalCorruption '
                'after UniformSampleFrames and PoseDecode')
        ratio, masks = clip_masks(self._rng(results), self.ratios, num_clips,
                                  clip_len, self.mode, self.mean_burst)
        order = np.concatenate([
            clip * clip_len + np.argsort(~keep, kind='stable')
            for clip, keep in enumerate(masks)
        ])
        if self.pad == 'compact':
            masks = np.sort(masks, axis=1)[:, ::-1]
        frame_keep = masks.reshape(-1)
        for key in ('keypoint', 'keypoint_score'):
            if key in results:
                value = results[key]
                if self.pad == 'compact':
                    value = value[:, order]
                value = value * frame_keep.reshape(
                    (1, -1) + (1, ) * (value.ndim - 2)).astype(value.dtype)
                results[key] = value
        results['frame_mask'] = masks.astype(np.float32)
        results['drop_ratio'] = ratio
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(drop_ratio={self.ratios}, '
                f'mode={self.mode!r}, pad={self.pad!r}, '
                f'test_mode={self.test_mode}, seed={self.seed})')
