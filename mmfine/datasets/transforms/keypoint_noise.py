"""Gaussian noise on keypoint coordinates (the spatial perturbations of
FineTec Table 6, "S-low" and "S-high")."""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS
from mmfine.structures.frame_drop_masks import sample_rng


@TRANSFORMS.register_module()
class KeypointNoise(BaseTransform):
    """Add Gaussian noise to the coordinates of observed keypoints.

    Place it after the coordinate normalisation (and after
    ``TemporalCorruption``: dropped frames, exact zeros, stay zero). Like
    ``TemporalCorruption``, the noise is seeded per sample (``frame_dir``)
    in test mode, so every method sees the same noisy input.

    Required keys: ``keypoint`` ``(M, T, V, C)``; optional ``frame_dir``.
    Modified keys: ``keypoint``.

    Args:
        std (float): Standard deviation, in the units of the normalised
            coordinates (``PreNormalize2D`` maps the image to [-1, 1]).
        coord_dims (int): Channels that are coordinates. Defaults to 2.
        test_mode (bool): Seeded per sample when True. Defaults to False.
        seed (int): The test-mode seed. Defaults to 0.
    """

    def __init__(self,
                 std: float,
                 coord_dims: int = 2,
                 test_mode: bool = False,
                 seed: int = 0) -> None:
        if std < 0:
            raise ValueError(f'std must be >= 0, got {std}')
        self.std, self.coord_dims = std, coord_dims
        self.test_mode, self.seed = test_mode, seed

    def transform(self, results: Dict) -> Dict:
        rng = sample_rng(self.seed, results.get('frame_dir')) \
            if self.test_mode else np.random.default_rng(
                np.random.randint(2**31))
        kp = results['keypoint'].copy()
        coords = kp[..., :self.coord_dims]
        observed = (coords != 0).any(-1, keepdims=True)
        noise = rng.normal(0, self.std, coords.shape).astype(kp.dtype)
        kp[..., :self.coord_dims] = coords + noise * observed
        results['keypoint'] = kp
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(std={self.std}, '
                f'test_mode={self.test_mode}, seed={self.seed})')
