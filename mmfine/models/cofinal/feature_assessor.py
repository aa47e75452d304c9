"""An assessor: score regression on clip features, the AQA counterpart of
MMAction2's recognizers."""
from typing import Dict, List, Union

import torch
from mmengine.model import BaseModel

from mmaction.registry import MODELS


@MODELS.register_module()
class FeatureAssessor(BaseModel):
    """Scores videos from pre-extracted clip features with a scoring head
    (``CoFInAlHead``, ``GDLTHead``, ``PooledRegressionHead``).

    Each data sample carries ``gt_score`` and ``score_range`` (set by
    ``PackScoreInputs``) and ``num_clips`` (set by
    ``ClipFeaturePreprocessor``). Heads work on scores normalised to
    [0, 1] by the declared range; predictions are mapped back and written
    to ``pred_score`` (and ``pred_score_normalised``).

    Args:
        head (dict): The scoring head config.
        data_preprocessor (dict): Defaults to
            ``dict(type='ClipFeaturePreprocessor')``.
        init_cfg (dict, optional): mmengine initialisation config.
    """

    def __init__(self,
                 head: dict,
                 data_preprocessor: dict = dict(
                     type='ClipFeaturePreprocessor'),
                 init_cfg: dict = None) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor, init_cfg=init_cfg)
        self.head = MODELS.build(head)

    @staticmethod
    def clip_mask(inputs: torch.Tensor, data_samples: List) -> torch.Tensor:
        """``(N, C)``: true for the clips each sample really has."""
        lengths = torch.tensor([
            s.metainfo.get('num_clips', inputs.shape[1]) for s in data_samples
        ],
                               device=inputs.device)
        return torch.arange(inputs.shape[1], device=inputs.device) < \
            lengths[:, None]

    @staticmethod
    def score_ranges(data_samples: List, device) -> torch.Tensor:
        ranges = []
        for sample in data_samples:
            if 'score_range' not in sample.metainfo:
                raise KeyError('FeatureAssessor needs score_range in each '
                               'data sample (PackScoreInputs sets it)')
            ranges.append(sample.metainfo['score_range'])
        return torch.tensor(ranges, dtype=torch.float32, device=device)

    def forward(self,
                inputs: torch.Tensor,
                data_samples: List = None,
                mode: str = 'tensor') -> Union[Dict, List, torch.Tensor]:
        """``mode='loss'``: the head's losses; ``'predict'``: the data
        samples with ``pred_score``; ``'tensor'``: normalised scores."""
        if data_samples is None:
            mask = torch.ones(
                inputs.shape[:2], dtype=torch.bool, device=inputs.device)
        else:
            mask = self.clip_mask(inputs, data_samples)
        if mode == 'tensor':
            return self.head.predict(inputs, mask)
        ranges = self.score_ranges(data_samples, inputs.device)
        low, span = ranges[:, 0], ranges[:, 1] - ranges[:, 0]
        if mode == 'loss':
            target = torch.stack([
                torch.as_tensor(s.gt_score, dtype=torch.float32)
                for s in data_samples
            ]).to(inputs.device)
            return self.head.loss(inputs, mask, (target - low) / span)
        if mode == 'predict':
            normalised = self.head.predict(inputs, mask).detach()
            for sample, norm, score in zip(data_samples, normalised,
                                           low + normalised * span):
                sample.set_field(float(norm), 'pred_score_normalised')
                sample.set_field(float(score), 'pred_score')
            return data_samples
        raise ValueError(f"mode must be 'loss', 'predict' or 'tensor', got "
                         f'{mode!r}')
