"""The Temporal Fusion Module (CoFInAl Sect. 3.2, Eq. 7)."""
import math

import torch
from torch import nn


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of ``x`` ``(N, C, ...)`` over the clips ``C`` where ``mask``
    ``(N, C)`` is true."""
    weight = mask.to(x.dtype).reshape(*mask.shape, *([1] * (x.dim() - 2)))
    return (x * weight).sum(1) / weight.sum(1).clamp(min=1)


class TemporalFusionModule(nn.Module):
    """Procedure-aware attention from C clip features to P procedure
    features: ``A = softmax(Q~_T K_T^T / sqrt(D_P)) V_T`` (Eq. 7), where
    K_T, V_T ``(C, D_P)`` are linear maps of the clip features and the
    queries Q_T ``(C, P, D_P)`` are average-pooled over the clips to
    Q~_T ``(P, D_P)`` (computed as the projection of the pooled clips,
    which is the same since the projection is linear). Padded clips take
    part in neither the pooling nor the attention.

    Departure (default on, ``feedforward_channels=0`` gives Eq. 7 alone):
    the attention is followed by a Transformer encoder layer's
    position-wise feed-forward block, post-norm, ``H~ = LN(X + FFN(X))``
    with ``X = LN(A)`` (A has P rows, not C, so the attention itself has
    no residual). The paper defines the TFM by Eq. 7 and calls it "a
    Transformer-based encoder" only when contrasting it with GCNs; Eq. 7
    alone is a softmax-weighted average of linear maps of the clips, and
    measured on the demo's judged routines (200 epochs) it underfits:
    choice made on a second generated set (seed 1): grade-only SRCC 0.69
    -> 0.76, hard-decoded SRCC 0.56 -> 0.72; on the demo's test routines
    0.61 ± 0.01 (2 seeds) -> 0.70 ± 0.02 (3 seeds).

    Option (``clip_encoder_layers``, on in ``CoFInAlHead``): before Eq. 7
    the clips are projected (linear + LayerNorm, to ``D_P / 2`` by
    default) and encoded by
    Transformer encoder layers (self-attention among the valid clips,
    one head, post-norm), so that K_T, V_T and Q_T come from clips that
    have seen each other, like GDLT's clip encoder (Xu et al., 2022; ours
    is lighter: one linear projection, a 2x feed-forward). Our reading of
    the paper, not its words: it says CoFInAl "builds upon GDLT" at 0.50M
    parameters more (Sect. 4.2, Tab. 2: 3.70M against 3.20M) and that the
    TFM's "self-attention" is "designed to enhance the representation of
    individual clips", while Sect. 3.2 derives K_T, Q_T, V_T from the
    clip features "by the linear transformation" and Eq. 7 alone lets no
    clip see another.

    Args:
        in_channels (int): D_C, the clip feature dimension.
        channels (int): D_P.
        num_procedures (int): P.
        dropout (float): Dropout in the clip encoder, on the attention
            output and in the feed-forward block.
        feedforward_channels (int, optional): Hidden width of the
            feed-forward block; 0: no block (Eq. 7 alone). Defaults to
            ``2 * channels``.
        clip_encoder_layers (int): Encoder layers over the clips before
            Eq. 7; 0: none. Defaults to 0.
        clip_encoder_channels (int, optional): Width of the clip encoder.
            Defaults to ``channels // 2`` (GDLT's 256 for the paper's D_P of
            512).
    """

    def __init__(self,
                 in_channels: int,
                 channels: int,
                 num_procedures: int,
                 dropout: float,
                 feedforward_channels: int = None,
                 clip_encoder_layers: int = 0,
                 clip_encoder_channels: int = None) -> None:
        super().__init__()
        self.num_procedures = num_procedures
        self.channels = channels
        self.clip_encoder = None
        if clip_encoder_layers:
            width = clip_encoder_channels or channels // 2
            self.clip_proj = nn.Sequential(
                nn.Linear(in_channels, width), nn.LayerNorm(width))
            self.clip_encoder = nn.TransformerEncoder(
                nn.TransformerEncoderLayer(
                    width, 1, 2 * width, dropout, batch_first=True),
                clip_encoder_layers,
                enable_nested_tensor=False)
            in_channels = width
        self.query = nn.Linear(in_channels, num_procedures * channels)
        self.key = nn.Linear(in_channels, channels)
        self.value = nn.Linear(in_channels, channels)
        self.dropout = nn.Dropout(dropout)
        if feedforward_channels is None:
            feedforward_channels = 2 * channels
        self.feedforward = None
        if feedforward_channels:
            self.attention_norm = nn.LayerNorm(channels)
            self.feedforward = nn.Sequential(
                nn.Linear(channels, feedforward_channels), nn.GELU(),
                nn.Dropout(dropout), nn.Linear(feedforward_channels,
                                               channels), nn.Dropout(dropout))
            self.feedforward_norm = nn.LayerNorm(channels)

    def attend(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Eq. 7: ``(N, P, D_P)`` from clip features ``(N, C, D_C)`` and
        the valid clips ``mask`` ``(N, C)``."""
        # Q~_T = mean_c(W h_c + b) = W mean_c(h_c) + b: pooling first is
        # exact and C times cheaper
        queries = self.query(masked_mean(clips,
                                         mask)).view(clips.shape[0],
                                                     self.num_procedures,
                                                     self.channels)
        attention = queries @ self.key(clips).transpose(1, 2) / math.sqrt(
            self.channels)
        attention = attention.masked_fill(~mask[:, None, :], float('-inf'))
        return attention.softmax(-1) @ self.value(clips)

    def forward(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The procedure features H~ ``(N, P, D_P)`` from clip features
        ``(N, C, D_C)`` and the valid clips ``mask`` ``(N, C)``."""
        if self.clip_encoder is not None:
            clips = self.clip_encoder(
                self.clip_proj(clips), src_key_padding_mask=~mask)
        fused = self.dropout(self.attend(clips, mask))
        if self.feedforward is None:
            return fused
        fused = self.attention_norm(fused)
        return self.feedforward_norm(fused + self.feedforward(fused))
