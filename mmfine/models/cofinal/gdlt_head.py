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
    ``linspace(0, 1, Q)`` into the normalised score, trained with MSE.

    Follows the architecture of Xu et al.; their triplet term that spreads
    the query embeddings apart is not included.

    Args:
        in_channels (int): Clip feature dimension. Defaults to 1024.
        channels (int): Transformer width. Defaults to 256.
        num_heads (int): Attention heads. Defaults to 1.
        num_encoder_layers (int): Defaults to 1.
        num_decoder_layers (int): Defaults to 2.
        num_queries (int): Grade queries (Likert levels). Defaults to 4.
        dropout (float): Defaults to 0.3.
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
                 init_cfg: dict = None) -> None:
        super().__init__(init_cfg)
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

    def predict(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Normalised scores ``(N,)`` from clip features ``(N, C, D)`` and
        the valid clips ``(N, C)``."""
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
        return weights @ self.levels

    def loss(self, clips: torch.Tensor, mask: torch.Tensor,
             target: torch.Tensor) -> Dict[str, torch.Tensor]:
        """MSE of the normalised score."""
        return dict(loss_score=F.mse_loss(self.predict(clips, mask), target))
