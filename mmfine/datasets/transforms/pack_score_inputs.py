"""Pack a scored sample for an assessor."""
import torch
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS
from mmaction.structures import ActionDataSample


@TRANSFORMS.register_module()
class PackScoreInputs(BaseTransform):
    """``inputs``: the clip features as a tensor ``(C, D)``;
    ``data_samples``: an ``ActionDataSample`` with ``gt_score`` and the
    metainfo ``video``, ``score_range``, ``score_group``, ``clip_start``.

    Required keys: ``clip_features``, ``gt_score``, ``score_range``.
    """

    meta_keys = ('video', 'score_range', 'score_group', 'clip_start')

    def transform(self, results: dict) -> dict:
        sample = ActionDataSample()
        sample.set_metainfo(
            {k: results[k]
             for k in self.meta_keys if k in results})
        sample.set_field(float(results['gt_score']), 'gt_score')
        return dict(
            inputs=torch.from_numpy(results['clip_features']),
            data_samples=sample)
