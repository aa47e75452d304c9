"""Load a video's clip features."""
import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS


@TRANSFORMS.register_module()
class LoadClipFeatures(BaseTransform):
    """Reads ``feature_path`` (a ``(N_clips, D)`` ``.npy``) into
    ``clip_features`` (float32), refusing non-finite values with the file
    named.

    Required keys: ``feature_path``. Added keys: ``clip_features``.
    """

    def transform(self, results: dict) -> dict:
        features = np.load(results['feature_path']).astype(np.float32)
        if not np.isfinite(features).all():
            raise ValueError(f'{results["feature_path"]}: clip features '
                             'contain NaN or inf')
        results['clip_features'] = features
        return results
