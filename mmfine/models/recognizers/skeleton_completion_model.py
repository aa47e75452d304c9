"""Pre-training and restoration evaluation of the sequence completion
(FineTec, Eq. 14 and Table 3)."""
from typing import Dict, Optional, Sequence

import numpy as np
import torch
from mmengine.model import BaseModel
from torch.nn import functional as F

from mmaction.registry import MODELS
from mmfine.datasets.transforms.frame_drop_masks import (clip_masks,
                                                         sample_rng)
from mmfine.datasets.transforms.temporal_corruption import TemporalCorruption
from mmfine.models.finetec.restoration_baselines import RESTORERS


@MODELS.register_module()
class SkeletonCompletionModel(BaseModel):
    """Train a ``ContextAwareCompletion`` on clean clips, or evaluate a
    restoration method on them.

    Training: each clip ``(window frames)`` of the first person is
    corrupted at a ratio drawn from ``drop_ratios`` and completed in context;
    loss Eq. 14, ``MSE(S_gt, S_base) + MSE(S_context, completed S_mask)``.

    Prediction: each clip is corrupted reproducibly, exactly as
    ``TemporalCorruption(test_mode=True, seed=seed)`` corrupts the same
    sample (the samples' ``frame_dir`` must be packed as a meta key), and
    restored by ``restorer``: ``'completion'`` or one of the baselines
    ``'left_to_right_copy'``, ``'right_to_left_copy'``,
    ``'linear_interpolation'``. The samples get ``pred_skeleton``,
    ``gt_skeleton`` ``(num_clips, T, V, coord_dims)`` and ``frame_mask``
    for ``SkeletonRestorationMetric``.
    """

    def __init__(self,
                 completion: Dict,
                 drop_ratios: Sequence = ('minor', 'moderate', 'severe'),
                 test_drop_ratio='moderate',
                 restorer: str = 'completion',
                 seed: int = 0,
                 data_preprocessor: Optional[Dict] = None) -> None:
        super().__init__(data_preprocessor=data_preprocessor or dict(
            type='ActionDataPreprocessor'))
        if restorer != 'completion' and restorer not in RESTORERS:
            raise ValueError(f'unknown restorer {restorer!r}; expected '
                             f"'completion' or one of {sorted(RESTORERS)}")
        self.completion = MODELS.build(completion)
        self.drop_ratios = [TemporalCorruption.resolve_ratio(r)
                            for r in drop_ratios]
        self.test_ratios = [TemporalCorruption.resolve_ratio(test_drop_ratio)]
        self.restorer, self.seed = restorer, seed

    def _clean(self, inputs: torch.Tensor) -> torch.Tensor:
        """``(B, num_clips, M, T, V, C)`` -> first person's coordinates
        ``(B, num_clips, T, V, coord_dims)``."""
        if inputs.dim() != 6:
            raise ValueError('expected inputs (B, num_clips, M, T, V, C), got '
                             f'{tuple(inputs.shape)}')
        if not torch.isfinite(inputs).all():
            raise ValueError('non-finite keypoints in the batch')
        return inputs[:, :, 0, ..., :self.completion.coord_dims]

    def forward(self, inputs: torch.Tensor, data_samples=None,
                mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        seq = self._clean(inputs)
        return self.completion(seq.flatten(0, 1),
                               torch.ones(seq.shape[:3]).flatten(0, 1))

    def loss(self, inputs: torch.Tensor) -> Dict[str, torch.Tensor]:
        gt = self._clean(inputs).flatten(0, 1)
        if gt.shape[1] != self.completion.window:
            raise ValueError(f'training clips must have the completion '
                             f'window of {self.completion.window} frames, '
                             f'got {gt.shape[1]}: set clip_len accordingly')
        rng = np.random.default_rng(int(torch.randint(2**31, ()).item()))
        keep = torch.as_tensor(np.concatenate([
            clip_masks(rng, self.drop_ratios, 1, gt.shape[1])[1]
            for _ in range(len(gt))
        ]), dtype=gt.dtype, device=gt.device)
        base, prompt = self.completion.complete_windows(gt, keep, rng)
        losses = dict(loss_query=F.mse_loss(base, gt))
        if len(self.completion.bank_windows):
            losses['loss_prompt'] = F.mse_loss(prompt['completed'],
                                               prompt['context'])
        return losses

    def predict(self, inputs: torch.Tensor, data_samples) -> list:
        gt = self._clean(inputs)
        b, nc, t = gt.shape[:3]
        masks = []
        for sample in data_samples:
            name = sample.metainfo.get('frame_dir')
            if name is None:
                raise ValueError("restoration evaluation needs each sample's "
                                 "'frame_dir': add it to PackActionInputs' "
                                 'meta_keys')
            masks.append(clip_masks(sample_rng(self.seed, name),
                                    self.test_ratios, nc, t)[1])
        keep = torch.as_tensor(np.stack(masks), dtype=gt.dtype,
                               device=gt.device).flatten(0, 1)
        flat = gt.flatten(0, 1)
        corrupt = flat * keep[..., None, None]
        with torch.no_grad():
            if self.restorer == 'completion':
                restored = self.completion(corrupt, keep)
            else:
                restored = RESTORERS[self.restorer](corrupt, keep)
        restored = restored.reshape(gt.shape)
        keep = keep.reshape(b, nc, t)
        for i, sample in enumerate(data_samples):
            sample.set_field(restored[i].cpu(), 'pred_skeleton')
            sample.set_field(gt[i].cpu(), 'gt_skeleton')
            sample.set_field(keep[i].cpu(), 'frame_mask')
        return data_samples
