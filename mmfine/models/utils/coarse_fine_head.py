"""The coarse/fine disentangled head of the motion-transferability
benchmark (seed 003, section 4.3)."""
from typing import Dict, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from mmaction.models.heads import BaseHead
from mmaction.registry import MODELS
from .channel_pool import pool_channels
from .class_groups import group_logsumexp


@MODELS.register_module()
class CoarseFineHead(BaseHead):
    """Two branches on one shared backbone feature: a coarse classifier
    (e.g. "moving up") and a fine one (its variants, e.g. "a cube moving
    up in a kitchen"). The fine evidence is pooled into the coarse
    prediction: the coarse logits are the coarse branch's plus the
    log-sum-exp of each coarse class's fine logits, so the coarse
    probability is the normalised product of the coarse branch's and the
    fine branch's marginal (a product of experts). The paper (Table 5)
    reports the gain of such a disentanglement over the coarse head alone;
    it gives no equations and no code, so this form is ours.

    Training adds ``fine_loss_weight`` x the fine branch's cross-entropy
    (on ``fine_label``, packed with ``PackActionInputs(meta_keys=(...,
    'fine_label'))``) to the fused coarse cross-entropy. Predictions carry
    ``pred_score`` (coarse) and ``pred_fine_score`` (the training set's fine
    classes).

    Args:
        num_classes (int): Coarse classes.
        in_channels (int): Channels of the backbone output.
        num_fine_classes (int): Fine output units, at least the training
            set's fine classes.
        fine_to_coarse (Sequence[int], optional): The coarse class of each
            fine class. Left out, ``FineToCoarseHook`` sets it from the
            training set before training; it is saved with the checkpoint.
        channel_dim (int): Axis of the channels in the backbone output
            (every later axis is averaged). Defaults to 1 (video).
        dropout_ratio (float): Defaults to 0.5.
        fine_loss_weight (float): Defaults to 1.0.
        **kwargs: Other arguments of MMAction2's ``BaseHead``
            (``average_clips`` defaults to ``'prob'``).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 num_fine_classes: int,
                 fine_to_coarse: Sequence[int] = None,
                 channel_dim: int = 1,
                 dropout_ratio: float = 0.5,
                 fine_loss_weight: float = 1.0,
                 **kwargs) -> None:
        kwargs.setdefault('average_clips', 'prob')
        super().__init__(num_classes, in_channels, **kwargs)
        if num_fine_classes < num_classes:
            raise ValueError(f'num_fine_classes ({num_fine_classes}) must be '
                             f'at least num_classes ({num_classes}): every '
                             'coarse class has fine variants')
        self.num_fine_classes = num_fine_classes
        self.channel_dim = channel_dim
        self.fine_loss_weight = fine_loss_weight
        self.dropout = nn.Dropout(dropout_ratio)
        self.fc_coarse = nn.Linear(in_channels, num_classes)
        self.fc_fine = nn.Linear(in_channels, num_fine_classes)
        self.register_buffer('fine_to_coarse',
                             torch.full((num_fine_classes, ), -1))
        if fine_to_coarse is not None:
            self.set_fine_to_coarse(fine_to_coarse)

    def set_fine_to_coarse(self, fine_to_coarse: Sequence[int]) -> None:
        """Set the coarse class of each fine class (unused fine units keep
        -1); every coarse class needs at least one fine class."""
        mapping = torch.as_tensor(list(fine_to_coarse), dtype=torch.long)
        if mapping.dim() != 1 or len(mapping) > self.num_fine_classes:
            raise ValueError(f'fine_to_coarse must list at most '
                             f'num_fine_classes={self.num_fine_classes} '
                             f'coarse ids, got {len(mapping)}')
        if len(mapping) and not ((mapping >= 0) &
                                 (mapping < self.num_classes)).all():
            raise ValueError(f'fine_to_coarse holds coarse ids outside '
                             f'0..{self.num_classes - 1}: {mapping.tolist()}')
        without = sorted(set(range(self.num_classes)) - set(mapping.tolist()))
        if without:
            raise ValueError(f'coarse classes {without} have no fine class '
                             'in fine_to_coarse')
        self.fine_to_coarse.fill_(-1)
        self.fine_to_coarse[:len(mapping)] = mapping.to(
            self.fine_to_coarse.device)

    def forward(self,
                x: torch.Tensor,
                num_segs: int = None,
                **kwargs) -> Tuple[torch.Tensor, torch.Tensor]:
        """Fused coarse logits ``(N, num_classes)`` and fine logits
        ``(N, num_fine_classes)`` (unused fine units at ``-inf``)."""
        if (self.fine_to_coarse < 0).all():
            raise RuntimeError(
                f'{type(self).__name__}: fine_to_coarse is not set; give it '
                'in the config or train with FineToCoarseHook')
        pooled = self.dropout(
            pool_channels(x, self.channel_dim, self.in_channels,
                          type(self).__name__, num_segs))
        fine = self.fc_fine(pooled).masked_fill(self.fine_to_coarse < 0,
                                                float('-inf'))
        coarse = self.fc_coarse(pooled) + group_logsumexp(
            fine, self.fine_to_coarse, self.num_classes)
        return coarse, fine

    def loss_by_feat(self, scores: Tuple[torch.Tensor, torch.Tensor],
                     data_samples) -> Dict[str, torch.Tensor]:
        coarse, fine = scores
        losses = super().loss_by_feat(coarse, data_samples)
        fine_labels = []
        for sample in data_samples:
            if 'fine_label' not in sample:
                raise KeyError(
                    f'{type(self).__name__} trains on fine_label: pack it '
                    "with PackActionInputs(meta_keys=(..., 'fine_label'))")
            fine_labels.append(int(sample.fine_label))
        target = torch.tensor(fine_labels, device=fine.device)
        if (target < 0).any():
            raise ValueError(
                f'{type(self).__name__} trains on fine labels, and some '
                'samples have none (-1): give the dataset its fine list '
                '(MotionTransferDataset fine_ann_file)')
        coarse_labels = torch.stack([s.gt_label for s in data_samples
                                     ]).to(fine.device).reshape(-1)
        known = (target >= 0) & (target < self.num_fine_classes)
        mapped = torch.where(
            known,
            self.fine_to_coarse[target.clamp(0,
                                             self.num_fine_classes - 1)], -1)
        wrong = mapped != coarse_labels
        if wrong.any():
            pairs = sorted({
                (int(f), int(c))
                for f, c in zip(target[wrong], coarse_labels[wrong])
            })
            raise ValueError(
                f'(fine, coarse) labels {pairs} disagree with the head\'s '
                f'fine_to_coarse {self.fine_to_coarse.tolist()}')
        losses['loss_fine'] = self.fine_loss_weight * F.cross_entropy(
            fine, target)
        losses['fine_top1_acc'] = (fine.argmax(1) == target).float().mean()
        return losses

    def predict_by_feat(self, scores: Tuple[torch.Tensor, torch.Tensor],
                        data_samples):
        coarse, fine = scores
        samples = super().predict_by_feat(coarse, data_samples)
        fine = self.average_clip(
            fine, num_segs=fine.shape[0] // len(data_samples))
        for sample, score in zip(samples, fine):
            sample.set_field(score, 'pred_fine_score')
        return samples
