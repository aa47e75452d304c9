"""A recognition head with a coarse level derived from the fine one."""
from typing import Dict, Sequence

import torch
import torch.nn.functional as F
from torch import nn

from mmaction.models.heads import BaseHead
from mmaction.registry import MODELS
from mmfine.evaluation.functional.micro_action import MA52_BODY_STARTS
from .channel_pool import pool_channels
from .class_groups import group_logsumexp


@MODELS.register_module()
class HierarchicalClsHead(BaseHead):
    """Fine (action) and coarse (body) logits from one classifier: a
    linear classifier gives the action logits, and the logit of a coarse
    class is the log-sum-exp of its actions' logits, so its softmax
    probability is the sum of theirs (the coarse probability is the
    marginal of the fine one; its argmax can differ from the coarse class
    of the best action when a class's probability is spread over many
    actions). The loss adds ``body_loss_weight`` x the cross-entropy of the
    coarse level to MMAction2's action loss; predictions carry
    ``pred_score`` (actions) and ``pred_body_score`` (coarse classes).
    Defaults to MA-52: 52 actions in 7 body-level groups.

    Args:
        num_classes (int): Fine classes. Defaults to 52.
        in_channels (int): Channels of the backbone output.
        group_starts (Sequence[int]): First fine class of each coarse class
            (fine classes are grouped in consecutive ranges). Defaults to
            MA-52's body ranges.
        channel_dim (int): Axis of the channels in the backbone output;
            every axis after it is average-pooled: 1 for video backbones
            ``(N, C, T, H, W)``, 2 for skeleton ones ``(N, M, C, T, V)``.
            Defaults to 1.
        dropout_ratio (float): Defaults to 0.5.
        body_loss_weight (float): Defaults to 1.0.
        **kwargs: Other arguments of MMAction2's ``BaseHead`` (e.g.
            ``loss_cls``; ``average_clips`` defaults to ``'prob'`` here,
            the clips' probabilities averaged: ``None`` would leave one
            score row per clip).
    """

    def __init__(self,
                 in_channels: int,
                 num_classes: int = 52,
                 group_starts: Sequence[int] = MA52_BODY_STARTS,
                 channel_dim: int = 1,
                 dropout_ratio: float = 0.5,
                 body_loss_weight: float = 1.0,
                 **kwargs) -> None:
        kwargs.setdefault('average_clips', 'prob')
        if kwargs['average_clips'] not in ('prob', 'score'):
            raise ValueError(f'{type(self).__name__} averages clips by '
                             f"'prob' or 'score', got "
                             f"{kwargs['average_clips']!r}")
        super().__init__(num_classes, in_channels, **kwargs)
        starts = list(group_starts)
        if starts[0] != 0 or starts != sorted(set(starts)) or \
                starts[-1] >= num_classes:
            raise ValueError(f'group_starts must rise from 0 below '
                             f'num_classes={num_classes}, got {starts}')
        group_of = torch.bucketize(
            torch.arange(num_classes), torch.tensor(starts), right=True) - 1
        self.register_buffer('group_of', group_of, persistent=False)
        self.num_groups = len(starts)
        self.channel_dim = channel_dim
        self.body_loss_weight = body_loss_weight
        self.dropout = nn.Dropout(dropout_ratio)
        self.fc_cls = nn.Linear(in_channels, num_classes)

    def forward(self,
                x: torch.Tensor,
                num_segs: int = None,
                **kwargs) -> torch.Tensor:
        """Action logits ``(N, num_classes)`` of the pooled backbone output
        (``pool_channels``, segments averaged when ``num_segs`` is given)."""
        pooled = pool_channels(x, self.channel_dim, self.in_channels,
                               type(self).__name__, num_segs)
        return self.fc_cls(self.dropout(pooled))

    def body_logits(self, action_logits: torch.Tensor) -> torch.Tensor:
        """``(N, num_groups)``: log-sum-exp of each group's logits."""
        return group_logsumexp(action_logits, self.group_of, self.num_groups)

    def loss_by_feat(self, cls_scores: torch.Tensor,
                     data_samples) -> Dict[str, torch.Tensor]:
        losses = super().loss_by_feat(cls_scores, data_samples)
        labels = torch.stack([s.gt_label for s in data_samples]).to(
            cls_scores.device).reshape(-1)
        if labels.numel() != cls_scores.shape[0]:
            raise ValueError(f'{type(self).__name__} needs one action label '
                             'per sample (no soft labels)')
        body = self.body_logits(cls_scores)
        target = self.group_of[labels]
        losses['loss_body'] = self.body_loss_weight * F.cross_entropy(
            body, target)
        losses['body_top1_acc'] = (body.argmax(1) == target).float().mean()
        return losses

    def predict_by_feat(self, cls_scores: torch.Tensor, data_samples):
        samples = super().predict_by_feat(cls_scores, data_samples)
        for sample in samples:
            score = sample.pred_score
            probs = score if self.average_clips == 'prob' else \
                score.softmax(-1)
            body = torch.zeros(self.num_groups, dtype=probs.dtype,
                               device=probs.device)
            sample.set_field(body.index_add(0, self.group_of, probs),
                             'pred_body_score')
        return samples
