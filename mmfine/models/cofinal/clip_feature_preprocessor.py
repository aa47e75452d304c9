"""Batches variable-length clip-feature sequences."""
from typing import List, Sequence

import torch
from mmengine.model import BaseDataPreprocessor

from mmaction.registry import MODELS


@MODELS.register_module()
class ClipFeaturePreprocessor(BaseDataPreprocessor):
    """Pads the ``(C_i, D)`` clip features of a batch with zeros to the
    longest ``C`` and records each sample's true length as ``num_clips`` in
    its metainfo (the assessor's clip mask).

    Args:
        non_blocking (bool): Passed to mmengine's ``BaseDataPreprocessor``.
    """

    def forward(self, data: dict, training: bool = False) -> dict:
        data = self.cast_data(data)
        inputs: Sequence[torch.Tensor] = data['inputs']
        if isinstance(inputs, torch.Tensor):
            inputs = list(inputs)
        dims = {x.shape[-1] for x in inputs}
        if any(x.dim() != 2 for x in inputs) or len(dims) != 1:
            raise ValueError('ClipFeaturePreprocessor expects (num_clips, '
                             'dim) features of one dim per batch, got '
                             f'{[tuple(x.shape) for x in inputs]}')
        samples: List = data.get('data_samples') or []
        for x, sample in zip(inputs, samples):
            sample.set_metainfo(dict(num_clips=int(x.shape[0])))
        batch = inputs[0].new_zeros(
            len(inputs), max(x.shape[0] for x in inputs), dims.pop())
        for i, x in enumerate(inputs):
            batch[i, :x.shape[0]] = x
        return dict(inputs=batch.float(), data_samples=samples)
