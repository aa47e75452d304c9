"""The fusion head of SeFAR's multi-granular model."""
from itertools import combinations
from typing import Optional

import torch
from torch import nn

from mmaction.models.heads import BaseHead
from mmaction.registry import MODELS


def _projection(in_dims: int, out_dims: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(in_dims, out_dims), nn.GELU(), nn.LayerNorm(out_dims))


@MODELS.register_module()
class MultiGranularFusionHead(BaseHead):
    """Fuse the element features ``(B, E, D)`` of the multi-granular
    backbone: every pair of elements through ``Linear(2D, hidden) + GELU +
    LN`` and every element alone through ``Linear(D, hidden) + GELU + LN``
    (one projection each), concatenated, ``Linear -> hidden``, ``Dropout``,
    classifier.

    The dropout is the head's only stochastic part, which SeFAR's teacher
    uses for its ``U`` predictions: ``stochastic_logits`` draws them from
    one computation of the features before the dropout.

    A multi-view test input ``(B * num_views, E, D)`` is averaged over the
    views by MMAction2's ``average_clips`` (softmax scores by default).

    Args:
        num_classes (int): Number of classes to be classified.
        in_channels (int): Feature dims ``D`` of each element.
        num_elements (int): Number of elements ``E``. Defaults to 3.
        hidden_dims (int): Output dims ``hidden`` of every projection and
            of the fusion. Defaults to 256.
        dropout_ratio (float): Dropout rate before the classifier.
            Defaults to 0.5.
        loss_cls (dict): Config for building loss. Defaults to
            ``dict(type='CrossEntropyLoss')``.
        average_clips (str, optional): How the scores of several views are
            averaged at test time: ``'score'``, ``'prob'`` or None (no
            averaging). Defaults to ``'prob'``.
        init_cfg (dict, optional): Config to control the initialization.
            Defaults to None.
        **kwargs: Other arguments of ``BaseHead`` (``multi_class``,
            ``label_smooth_eps``, ``topk``).
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 num_elements: int = 3,
                 hidden_dims: int = 256,
                 dropout_ratio: float = 0.5,
                 loss_cls=dict(type='CrossEntropyLoss'),
                 average_clips: Optional[str] = 'prob',
                 init_cfg: Optional[dict] = None,
                 **kwargs) -> None:
        super().__init__(
            num_classes,
            in_channels,
            loss_cls=loss_cls,
            average_clips=average_clips,
            init_cfg=init_cfg,
            **kwargs)
        self.pairs = list(combinations(range(num_elements), 2))
        self.pair_proj = nn.ModuleList(
            [_projection(2 * in_channels, hidden_dims) for _ in self.pairs])
        self.single_proj = nn.ModuleList([
            _projection(in_channels, hidden_dims) for _ in range(num_elements)
        ])
        self.fuse = nn.Linear(hidden_dims * (len(self.pairs) + num_elements),
                              hidden_dims)
        self.dropout = nn.Dropout(dropout_ratio)
        self.fc_cls = nn.Linear(hidden_dims, num_classes)
        self.num_elements = num_elements

    def fused(self, x: torch.Tensor) -> torch.Tensor:
        """Element features ``(B, E, D)`` -> fused ``(B, hidden)`` (before
        the dropout)."""
        if x.dim() != 3 or x.shape[1] != self.num_elements:
            raise ValueError(f'expected (B, {self.num_elements}, D) element '
                             f'features, got {tuple(x.shape)}')
        parts = [
            proj(torch.cat([x[:, i], x[:, j]], -1))
            for proj, (i, j) in zip(self.pair_proj, self.pairs)
        ]
        parts += [proj(x[:, i]) for i, proj in enumerate(self.single_proj)]
        return self.fuse(torch.cat(parts, -1))

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        return self.fc_cls(self.dropout(self.fused(x)))

    def stochastic_logits(self, x: torch.Tensor, times: int) -> torch.Tensor:
        """``times`` predictions ``(times, B, num_classes)`` with fresh
        dropout masks (in training mode) on one fused feature."""
        fused = self.fused(x)
        return self.fc_cls(self.dropout(fused.expand(times, *fused.shape)))
