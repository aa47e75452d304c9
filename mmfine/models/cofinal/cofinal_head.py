"""The CoFInAl scoring head (Zhou et al., IJCAI 2024)."""
from typing import Dict

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from ..utils import DotRegressionLoss, SimplexETF
from .clip_feature_norm import ClipFeatureNorm
from .grade_parsing import GradeParsingModule
from .quality_graph_regularisation import quality_graph_loss
from .score_decomposition import decode_score, decompose_score
from .temporal_fusion import TemporalFusionModule


@MODELS.register_module()
class CoFInAlHead(BaseModule):
    """Coarse-to-fine instruction alignment for AQA: clip features
    (standardised per dimension, ``ClipFeatureNorm``) -> TFM
    (a clip encoder, Eq. 7 and a feed-forward block, see
    ``TemporalFusionModule``) -> P
    procedure features -> GPM (Eq. 9-11) -> grade logits from
    an MLP on H_C and sub-grade cosines ``<avgPool(H_F), e_j>`` with a fixed
    simplex ETF (Eq. 12-14) -> score (Eq. 6).

    Loss (Eq. 2, all weights 1 as in the paper): ``L_S`` the MSE / 2 of the
    soft-decoded score (Eq. 1; argmax decoding has no gradient), ``L_C``
    cross-entropy on the true grade, ``L_F`` the dot-regression loss on the
    true sub-grade (Eq. 15) and ``L_R`` the graph regularisation (Eq. 8).
    Scores are normalised to [0, 1] (the assessor maps the declared range).

    Args:
        in_channels (int): D_C. Defaults to 1024.
        procedure_channels (int): D_P. Defaults to 512.
        grade_channels (int): D_S, >= ``num_subgrades``. Defaults to 256.
        num_procedures (int): P. Defaults to 5 (the paper's Table S5).
        num_grades (int): G. Defaults to 4 (Sect. 4.2: four grades balance
            nuance and comprehensibility).
        num_subgrades (int): G'. Defaults to 10 (the paper does not state
            it; 40 score bins of 2.5% of the range).
        dropout (float): On the input clips, in the clip encoder, the
            procedures and in the MLP:
            0.3 (RG) / 0.7 (Fis-V) in the paper. Defaults to 0.3.
        decoding (str): ``'hard'`` (the paper's argmax) or ``'soft'``
            (expected grade and sub-grade) for predictions.
        fine_temperature (float): Temperature of the sub-grade softmax in
            soft decoding and in L_S (cosines lie in [-1, 1]). Defaults to
            0.1.
        fusion_feedforward_channels (int, optional): Hidden width of the
            feed-forward block after Eq. 7 (``TemporalFusionModule``); 0
            gives the paper's Eq. 7 alone. Defaults to ``2 *
            procedure_channels``.
        clip_encoder_layers (int): Transformer encoder layers over the
            clips before Eq. 7 (``TemporalFusionModule``: a GDLT-style
            clip encoder; the paper builds CoFInAl upon GDLT); 0 gives
            Eq. 7 on the clip features themselves. On the demo's judged
            routines (3 seeds) 1 layer lifts SRCC from 0.714 to 0.809
            (hard decoding) and from 0.798 to 0.855 (soft). Defaults to 1.
        clip_encoder_channels (int, optional): Its width. Defaults to
            ``procedure_channels // 2``.
        etf_seed (int): Seed of the fixed frame. Defaults to 0.
        loss_weights (dict): Weights of ``score``, ``coarse``, ``fine`` and
            ``graph``. Defaults to 1 each.
        init_cfg (dict, optional): mmengine initialisation config.
    """

    def __init__(self,
                 in_channels: int = 1024,
                 procedure_channels: int = 512,
                 grade_channels: int = 256,
                 num_procedures: int = 5,
                 num_grades: int = 4,
                 num_subgrades: int = 10,
                 dropout: float = 0.3,
                 decoding: str = 'hard',
                 fine_temperature: float = 0.1,
                 fusion_feedforward_channels: int = None,
                 clip_encoder_layers: int = 1,
                 clip_encoder_channels: int = None,
                 etf_seed: int = 0,
                 loss_weights: Dict[str, float] = None,
                 init_cfg: dict = None) -> None:
        super().__init__(init_cfg)
        if decoding not in ('hard', 'soft'):
            raise ValueError(f"decoding must be 'hard' or 'soft', got "
                             f'{decoding!r}')
        weights = dict(score=1.0, coarse=1.0, fine=1.0, graph=1.0)
        unknown = set(loss_weights or {}) - set(weights)
        if unknown:
            raise KeyError(f'unknown loss weights {sorted(unknown)}; known: '
                           f'{sorted(weights)}')
        weights.update(loss_weights or {})
        self.loss_weights = weights
        self.num_grades = num_grades
        self.num_subgrades = num_subgrades
        self.decoding = decoding
        self.fine_temperature = fine_temperature
        self.input_norm = ClipFeatureNorm(in_channels)
        self.input_dropout = nn.Dropout(dropout)
        self.temporal_fusion = TemporalFusionModule(
            in_channels, procedure_channels, num_procedures, dropout,
            fusion_feedforward_channels, clip_encoder_layers,
            clip_encoder_channels)
        self.grade_parsing = GradeParsingModule(procedure_channels,
                                                grade_channels, num_grades)
        self.grade_classifier = nn.Sequential(
            nn.Flatten(1),
            nn.Linear(num_grades * grade_channels, grade_channels), nn.ReLU(),
            nn.Dropout(dropout), nn.Linear(grade_channels, num_grades))
        self.fine_scoring = SimplexETF(num_subgrades, grade_channels, etf_seed)
        self.fine_loss = DotRegressionLoss()

    def forward(self, clips: torch.Tensor,
                mask: torch.Tensor) -> Dict[str, torch.Tensor]:
        """Grade logits ``(N, G)`` and sub-grade cosines ``(N, G')`` from
        clip features ``(N, C, D_C)`` and the valid clips ``(N, C)``."""
        procedures = self.temporal_fusion(
            self.input_dropout(self.input_norm(clips, mask)), mask)
        coarse, fine = self.grade_parsing(procedures)
        return dict(
            coarse_logits=self.grade_classifier(coarse),
            fine_cosines=self.fine_scoring(fine.mean(1)))

    def loss(self, clips: torch.Tensor, mask: torch.Tensor,
             target: torch.Tensor) -> Dict[str, torch.Tensor]:
        """The four terms of Eq. 2 for normalised scores ``target``."""
        out = self(clips, mask)
        grade, subgrade = decompose_score(target, self.num_grades,
                                          self.num_subgrades)
        score = decode_score(out['coarse_logits'],
                             out['fine_cosines'] / self.fine_temperature,
                             'soft')
        w = self.loss_weights
        return dict(
            loss_score=w['score'] * 0.5 * F.mse_loss(score, target),
            loss_coarse=w['coarse'] *
            F.cross_entropy(out['coarse_logits'], grade),
            loss_fine=w['fine'] *
            self.fine_loss(out['fine_cosines'], subgrade),
            loss_graph=w['graph'] *
            quality_graph_loss(self.grade_parsing.prototypes))

    def predict(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Normalised scores ``(N,)``."""
        out = self(clips, mask)
        return decode_score(out['coarse_logits'],
                            out['fine_cosines'] / self.fine_temperature,
                            self.decoding)
