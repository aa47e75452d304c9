"""The spatial/temporal MLP of the Context-aware Sequence Completion
(FineTec, appendix A; blocks as in siMLPe: ``x + LN(FC(x))``)."""
import math

import torch
from torch import nn


def frame_position_encoding(length: int, dims: int,
                            period: int) -> torch.Tensor:
    """Sinusoidal encoding ``(length, dims)`` of the frame index modulo
    ``period`` (the window), so every segment of a prompt/query sequence
    tells the frame's place in its own window."""
    if dims % 2:
        raise ValueError(f'position encoding dims must be even, got {dims}')
    pos = (torch.arange(length) % period).float()[:, None]
    freq = torch.exp(-math.log(100.0) * torch.arange(0, dims, 2).float() /
                     dims)[None]
    enc = torch.zeros(length, dims)
    enc[:, 0::2] = torch.sin(pos * freq)
    enc[:, 1::2] = torch.cos(pos * freq)
    return enc


class MixingBlock(nn.Module):
    """``x + LN(FC(x))`` over the temporal axis, then over the feature axis.

    The FCs start near zero so that the block starts as the identity
    (siMLPe's initialisation)."""

    def __init__(self, length: int, dims: int) -> None:
        super().__init__()
        self.temporal = nn.Linear(length, length)
        self.temporal_norm = nn.LayerNorm(dims)
        self.spatial = nn.Linear(dims, dims)
        self.spatial_norm = nn.LayerNorm(dims)
        for fc in (self.temporal, self.spatial):
            nn.init.xavier_uniform_(fc.weight, gain=1e-8)
            nn.init.zeros_(fc.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``x``: ``(N, length, dims)``. The temporal FC is ``W x + b`` on
        the frame axis, one batched product (no transposed copies)."""
        n, length, dims = x.shape
        mixed = torch.baddbmm(
            self.temporal.bias[:, None].expand(n, length, dims),
            self.temporal.weight.expand(n, length, length), x)
        x = x + self.temporal_norm(mixed)
        return x + self.spatial_norm(self.spatial(x))


class CompletionMLP(nn.Module):
    """Frame tokens ``(N, L, in_dims)`` -> coordinates ``(N, L, out_dims)``.

    ``FC(in_dims -> hidden) + ReLU -> num_blocks x MixingBlock ->
    FC(-> out_dims)`` (appendix A; METHODS.md). The appendix also puts a
    ReLU after the output FC; the output is a signed residual on normalised
    coordinates, which a ReLU would clip to one sign, so the output has
    none. The output FC is truncated-normal initialised, as stated.

    Args:
        length (int): Tokens per sequence ``L``.
        in_dims (int): Input dims per token.
        out_dims (int): Output dims per token.
        hidden_dims (int): Width of the blocks.
        num_blocks (int): Mixing blocks. Defaults to 12 (the paper: 48;
            see ``ContextAwareCompletion``).
    """

    def __init__(self,
                 length: int,
                 in_dims: int,
                 out_dims: int,
                 hidden_dims: int,
                 num_blocks: int = 12) -> None:
        super().__init__()
        self.embed = nn.Sequential(
            nn.Linear(in_dims, hidden_dims), nn.ReLU(inplace=True))
        self.blocks = nn.Sequential(
            *[MixingBlock(length, hidden_dims) for _ in range(num_blocks)])
        self.head = nn.Linear(hidden_dims, out_dims)
        nn.init.trunc_normal_(self.head.weight, std=1e-3)
        nn.init.zeros_(self.head.bias)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.head(self.blocks(self.embed(tokens)))
