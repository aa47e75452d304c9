"""The fusion head of SeFAR's multi-granular model."""
from itertools import combinations
from typing import Optional

import torch
from torch import nn

from mmaction.models.heads import BaseHead
from mmaction.registry import MODELS


def _projection(in_dims: int, out_dims: int) -> nn.Sequential:
    """``LN(GELU(Linear(x)))``."""
    return nn.Sequential(
        nn.Linear(in_dims, out_dims), nn.GELU(), nn.LayerNorm(out_dims))


@MODELS.register_module()
class MultiGranularFusionHead(BaseHead):
    """Fuse the element features ``(B, E, D)`` of the multi-granular
    backbone as the authors' ``multi_granular_vit`` does: every pair of
    elements through ``LN(GELU(Linear(2D, hidden)))``, every element alone
    through ``LN(GELU(Linear(D, hidden)))``, all concatenated, then
    ``LN(GELU(Linear(., hidden)))``, ``Dropout`` and the classifier. The
    pair projection is one module shared by every pair and the single
    projection one shared by every element (``shared_projections=True``,
    the authors'); with False each pair and element has its own, as the
    paper's figure may be read.

    The dropout is the head's only stochastic part, which SeFAR's teacher
    uses for its ``U`` predictions: ``stochastic_logits`` draws them from
    one computation of the features before the dropout. The normalised
    fusion sets the scale of the teacher's spread ``sigma`` that Adaptive
    Regulation's constant 20 was tuned on.

    A multi-view test input ``(B * num_views, E, D)`` is averaged over the
    views by MMAction2's ``average_clips`` (softmax scores by default).

    Args:
        num_classes (int): Number of classes to be classified.
        in_channels (int): Feature dims ``D`` of each element.
        num_elements (int): Number of elements ``E``. Defaults to 3.
        hidden_dims (int): Output dims ``hidden`` of every projection and
            of the fusion. Defaults to 256.
        shared_projections (bool): One pair projection for all pairs and
            one single projection for all elements (the authors'), or one
            each. Defaults to True.
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
                 shared_projections: bool = True,
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
        copies = (1, 1) if shared_projections else (len(self.pairs),
                                                    num_elements)
        self.pair_proj = nn.ModuleList([
            _projection(2 * in_channels, hidden_dims)
            for _ in range(copies[0])
        ])
        self.single_proj = nn.ModuleList(
            [_projection(in_channels, hidden_dims) for _ in range(copies[1])])
        self.fuse = _projection(hidden_dims * (len(self.pairs) + num_elements),
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
            self.pair_proj[k % len(self.pair_proj)](torch.cat(
                [x[:, i], x[:, j]], -1)) for k, (i, j) in enumerate(self.pairs)
        ]
        parts += [
            self.single_proj[i % len(self.single_proj)](x[:, i])
            for i in range(self.num_elements)
        ]
        return self.fuse(torch.cat(parts, -1))

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        return self.fc_cls(self.dropout(self.fused(x)))

    def stochastic_logits(self, x: torch.Tensor, times: int) -> torch.Tensor:
        """``times`` predictions ``(times, B, num_classes)`` with fresh
        dropout masks (in training mode) on one fused feature."""
        fused = self.fused(x)
        return self.fc_cls(self.dropout(fused.expand(times, *fused.shape)))
