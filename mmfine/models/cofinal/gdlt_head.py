"""A GDLT-style scoring head, CoFInAl's baseline (Xu et al., CVPR 2022)."""
from typing import Dict

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from .clip_feature_norm import ClipFeatureNorm


@MODELS.register_module()
class GDLTHead(BaseModule):
    """Grade-decoupling Likert transformer: clip features are standardised
    (``ClipFeatureNorm``; GDLT's projection uses BatchNorm), projected and
    encoded by a transformer encoder; Q learnable grade queries attend to
    them through a transformer decoder; query k gives a response ``r_k``
    (the k-th output of a linear map of query k's embedding), the responses
    ``sigmoid(r) / sum(sigmoid(r))`` weight the Likert levels
    ``linspace(0, 1, Q)`` into the normalised score, trained with MSE plus
    Xu et al.'s triplet term on the decoded queries
    (:func:`query_triplet_loss`, weight 1 and margin 1 as in their
    released training command), which keeps the grade queries apart.

    Args:
        in_channels (int): Clip feature dimension. Defaults to 1024.
        channels (int): Transformer width. Defaults to 256.
        num_heads (int): Attention heads. Defaults to 1.
        num_encoder_layers (int): Defaults to 1.
        num_decoder_layers (int): Defaults to 2.
        num_queries (int): Grade queries (Likert levels). Defaults to 4.
        dropout (float): Defaults to 0.3.
        triplet_weight (float): Weight of the triplet term; 0 trains with
            MSE alone. Defaults to 1.0.
        triplet_margin (float): Its margin (cosine distances lie in
            [0, 2]). Defaults to 1.0.
        init_cfg (dict, optional): mmengine initialisation config.
    """

    def __init__(self,
                 in_channels: int = 1024,
                 channels: int = 256,
                 num_heads: int = 1,
                 num_encoder_layers: int = 1,
                 num_decoder_layers: int = 2,
                 num_queries: int = 4,
                 dropout: float = 0.3,
                 triplet_weight: float = 1.0,
                 triplet_margin: float = 1.0,
                 init_cfg: dict = None) -> None:
        super().__init__(init_cfg)
        self.triplet_weight = triplet_weight
        self.triplet_margin = triplet_margin
        self.input_norm = ClipFeatureNorm(in_channels)
        self.in_proj = nn.Sequential(
            nn.Linear(in_channels, channels // 2), nn.LayerNorm(channels // 2),
            nn.ReLU(), nn.Linear(channels // 2, channels),
            nn.LayerNorm(channels))
        self.encoder = nn.TransformerEncoder(
            nn.TransformerEncoderLayer(
                channels, num_heads, 3 * channels, dropout, batch_first=True),
            num_encoder_layers,
            enable_nested_tensor=False)
        self.decoder = nn.TransformerDecoder(
            nn.TransformerDecoderLayer(
                channels, num_heads, 3 * channels, dropout, batch_first=True),
            num_decoder_layers)
        self.queries = nn.Embedding(num_queries, channels)
        self.regressor = nn.Linear(channels, num_queries)
        self.register_buffer('levels', torch.linspace(0, 1, num_queries))

    def forward(self, clips: torch.Tensor, mask: torch.Tensor) -> tuple:
        """Normalised scores ``(N,)`` and the decoded queries ``(N, Q,
        channels)`` from clip features ``(N, C, D)`` and the valid clips
        ``(N, C)``."""
        padding = ~mask
        memory = self.encoder(
            self.in_proj(self.input_norm(clips, mask)),
            src_key_padding_mask=padding)
        queries = self.queries.weight.expand(clips.shape[0], -1, -1)
        embedded = self.decoder(
            queries, memory, memory_key_padding_mask=padding)
        responses = torch.diagonal(
            self.regressor(embedded), dim1=-2, dim2=-1).sigmoid()
        weights = responses / responses.sum(-1, keepdim=True)
        return weights @ self.levels, embedded

    def predict(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Normalised scores ``(N,)``."""
        return self(clips, mask)[0]

    def loss(self, clips: torch.Tensor, mask: torch.Tensor,
             target: torch.Tensor) -> Dict[str, torch.Tensor]:
        """MSE of the normalised score and the weighted triplet term."""
        score, embedded = self(clips, mask)
        losses = dict(loss_score=F.mse_loss(score, target))
        if self.triplet_weight:
            losses['loss_triplet'] = self.triplet_weight * query_triplet_loss(
                embedded, self.triplet_margin)
        return losses


def query_triplet_loss(embedded: torch.Tensor, margin: float) -> torch.Tensor:
    """Xu et al.'s hardest-triplet term on decoded grade queries ``(N, Q,
    C)``: every query embedding is an anchor, its hardest positive the same
    query of another sample (largest cosine distance ``1 - cos``; none in a
    batch of one: 0), its hardest negative any other query (smallest
    distance); the mean of ``relu(d_pos - d_neg + margin)``."""
    n, q, c = embedded.shape
    unit = F.normalize(embedded.reshape(n * q, c), dim=-1)
    distance = 1 - unit @ unit.T
    query = torch.arange(q, device=embedded.device).repeat(n)
    same = query[:, None] == query[None]
    others = same & ~torch.eye(n * q, dtype=torch.bool, device=same.device)
    positive = torch.where(others, distance, torch.zeros_like(distance))
    negative = torch.where(same, torch.full_like(distance, float('inf')),
                           distance)
    return F.relu(positive.max(1).values - negative.min(1).values +
                  margin).mean()
