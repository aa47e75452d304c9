"""Normalise a batch that mixes labelled clips and multi-view unlabelled
clips."""
from typing import Dict

from mmaction.models import ActionDataPreprocessor
from mmaction.registry import MODELS


@MODELS.register_module()
class SemiSupervisedDataPreprocessor(ActionDataPreprocessor):
    """``ActionDataPreprocessor`` for semi-supervised batches.

    Samples whose ``inputs`` is a dict of views (``MultiView``) are
    unlabelled; the others are labelled. Such a batch becomes
    ``inputs = {'labeled': tensor, <view>: tensor, ...}`` and
    ``data_samples = {'labeled': [...], 'unlabeled': [...]}``, each tensor
    stacked and normalised as MMAction2 does. A batch without views (val,
    test) is processed exactly as by ``ActionDataPreprocessor``.

    Args:
        mean (Sequence[float or int], optional): The pixel mean of channels
            of images or stacked optical flow. Defaults to None.
        std (Sequence[float or int], optional): The pixel standard deviation
            of channels of images or stacked optical flow. Defaults to None.
        to_rgb (bool): Whether to convert image from BGR to RGB.
            Defaults to False.
        to_float32 (bool): Whether to convert data to float32.
            Defaults to True.
        blending (dict, optional): Config for batch blending, applied to
            the labelled clips only (never to the unlabelled views).
            Defaults to None.
        format_shape (str): Format shape of input data.
            Defaults to ``'NCHW'``.
    """

    def forward_onesample(self, data: Dict, training: bool = False) -> Dict:
        inputs, samples = data['inputs'], data['data_samples']
        if not any(isinstance(x, dict) for x in inputs):
            return super().forward_onesample(data, training)
        labeled = [i for i, x in enumerate(inputs) if not isinstance(x, dict)]
        unlabeled = [i for i, x in enumerate(inputs) if isinstance(x, dict)]
        views = list(inputs[unlabeled[0]])
        if any(sorted(inputs[i]) != sorted(views) for i in unlabeled):
            raise ValueError('unlabelled samples carry different views')
        out_inputs, out_samples = {}, dict(
            labeled=[samples[i] for i in labeled],
            unlabeled=[samples[i] for i in unlabeled])
        if labeled:
            out_inputs['labeled'], out_samples['labeled'] = self.preprocess(
                [inputs[i] for i in labeled], out_samples['labeled'], training)
        for view in views:  # no batch blending on the unlabelled views
            out_inputs[view] = self.preprocess(
                [inputs[i][view] for i in unlabeled], None, False)[0]
        return dict(inputs=out_inputs, data_samples=out_samples)
