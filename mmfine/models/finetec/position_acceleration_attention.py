"""Cross-attention fusion of positions and accelerations (FineTec, Sec. 3
"GCN-based Optimization Objectives")."""
import torch
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS


@MODELS.register_module()
class PositionAccelerationAttention(BaseModule):
    """Joint tokens of each frame: queries from positions, keys and values
    from accelerations; ``out = LN(q + MHA(q, a, a))`` gives each joint the
    accelerations of the joints that matter to it. ``mode='mlp'`` replaces
    the attention by an MLP on the concatenation (the paper's ablation).

    Args:
        pos_channels (int): Channels of the position input (x, y[, z],
            score).
        acc_channels (int): Channels of the acceleration input.
        embed_dims (int): Output channels, the GCN's ``in_channels``.
            Defaults to 16.
        num_heads (int): Heads of the cross-attention (unused with
            ``mode='mlp'``). Defaults to 4.
        mode (str): ``'cross_attention'`` or ``'mlp'``. Defaults to
            ``'cross_attention'``.
        init_cfg (dict, optional): Config to control the initialization.
            Defaults to None.
    """

    def __init__(self,
                 pos_channels: int,
                 acc_channels: int,
                 embed_dims: int = 16,
                 num_heads: int = 4,
                 mode: str = 'cross_attention',
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        if mode not in ('cross_attention', 'mlp'):
            raise ValueError(f"mode must be 'cross_attention' or 'mlp', got "
                             f'{mode!r}')
        self.mode = mode
        self.pos_embed = nn.Linear(pos_channels, embed_dims)
        self.acc_embed = nn.Linear(acc_channels, embed_dims)
        if mode == 'cross_attention':
            self.attention = nn.MultiheadAttention(
                embed_dims, num_heads, batch_first=True)
        else:
            self.mlp = nn.Sequential(
                nn.Linear(2 * embed_dims, embed_dims), nn.ReLU(inplace=True),
                nn.Linear(embed_dims, embed_dims))
        self.norm = nn.LayerNorm(embed_dims)

    def forward(self, pos: torch.Tensor, acc: torch.Tensor) -> torch.Tensor:
        """Fuse the positions and accelerations of each frame's joints.

        Args:
            pos (torch.Tensor): Positions ``(N, T, V, Cp)``,
                ``Cp = pos_channels``.
            acc (torch.Tensor): Accelerations ``(N, T, V, Ca)``,
                ``Ca = acc_channels``.

        Returns:
            torch.Tensor: Joint features ``(N, T, V, embed_dims)``.
        """
        n, t, v = pos.shape[:3]
        q = self.pos_embed(pos).reshape(n * t, v, -1)
        a = self.acc_embed(acc).reshape(n * t, v, -1)
        if self.mode == 'cross_attention':
            mixed = self.attention(q, a, a, need_weights=False)[0]
        else:
            mixed = self.mlp(torch.cat([q, a], -1))
        return self.norm(q + mixed).reshape(n, t, v, -1)
