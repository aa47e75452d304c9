"""The multi-granular TimeSformer of SeFAR: one divided space-time ViT
shared by the dual-level temporal elements."""
import math
from typing import Dict, List, Optional, Sequence

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from mmfine.structures.temporal_elements import (check_elements,
                                                 element_segments)

#: the random-weights warning is given once per process
_WARNED: List[bool] = []

ARCHS = {  # name: embed_dims, depth, heads (ViT-S/16 and ViT-B/16)
    'small': (384, 12, 6),
    'base': (768, 12, 12),
}


class Attention(nn.Module):
    """Multi-head self-attention with timm's parameter names."""

    def __init__(self, dims: int, heads: int) -> None:
        super().__init__()
        if dims % heads:
            raise ValueError(f'embed_dims {dims} is not divisible by '
                             f'{heads} heads')
        self.heads = heads
        self.qkv = nn.Linear(dims, dims * 3)
        self.proj = nn.Linear(dims, dims)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads,
                                      d // self.heads).permute(2, 0, 3, 1, 4)
        out = F.scaled_dot_product_attention(q, k, v)
        return self.proj(out.transpose(1, 2).reshape(b, n, d))


class Mlp(nn.Module):

    def __init__(self, dims: int, hidden: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(dims, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dims)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


def drop_path(x: torch.Tensor, rate: float, training: bool) -> torch.Tensor:
    """Stochastic depth: drop the residual branch of whole samples."""
    if rate == 0.0 or not training:
        return x
    keep = x.new_empty((x.shape[0], ) + (1, ) * (x.dim() - 1)).bernoulli_(1 -
                                                                          rate)
    return x * keep / (1 - rate)


class DividedSpaceTimeBlock(nn.Module):
    """TimeSformer's divided attention block: temporal attention among the
    frames of each patch position (its output through ``temporal_fc``,
    zero-initialised so the block starts as the image ViT block; in every
    block, where TimeSformer's code zeroes it in all but the first), spatial
    attention among the patches and the CLS token of each frame, then the
    MLP. The frame count comes with the input, so elements of any length
    share the block."""

    def __init__(self,
                 dims: int,
                 heads: int,
                 mlp_ratio: float = 4.0,
                 drop_path_rate: float = 0.0) -> None:
        super().__init__()
        self.temporal_norm = nn.LayerNorm(dims, eps=1e-6)
        self.temporal_attn = Attention(dims, heads)
        self.temporal_fc = nn.Linear(dims, dims)
        nn.init.zeros_(self.temporal_fc.weight)
        nn.init.zeros_(self.temporal_fc.bias)
        self.norm1 = nn.LayerNorm(dims, eps=1e-6)
        self.attn = Attention(dims, heads)
        self.norm2 = nn.LayerNorm(dims, eps=1e-6)
        self.mlp = Mlp(dims, int(dims * mlp_ratio))
        self.drop_path_rate = drop_path_rate

    def forward(self, x: torch.Tensor, frames: int) -> torch.Tensor:
        """``x``: ``(B, 1 + frames * N, D)``, CLS first, tokens frame-major.
        """
        b, length, d = x.shape
        n = (length - 1) // frames
        cls, tokens = x[:, :1], x[:, 1:]
        xt = tokens.reshape(b, frames, n,
                            d).transpose(1, 2).reshape(b * n, frames, d)
        res = self.temporal_fc(self.temporal_attn(self.temporal_norm(xt)))
        res = res.reshape(b, n, frames,
                          d).transpose(1, 2).reshape(b, frames * n, d)
        tokens = tokens + drop_path(res, self.drop_path_rate, self.training)
        xs = torch.cat([
            cls.expand(b, frames, d).reshape(b * frames, 1, d),
            tokens.reshape(b * frames, n, d)
        ], 1)
        res = self.attn(self.norm1(xs))
        res_cls = res[:, 0].reshape(b, frames, d).mean(1, keepdim=True)
        res_tokens = res[:, 1:].reshape(b, frames * n, d)
        x = torch.cat([cls, tokens], 1) + drop_path(
            torch.cat([res_cls, res_tokens], 1), self.drop_path_rate,
            self.training)
        return x + drop_path(
            self.mlp(self.norm2(x)), self.drop_path_rate, self.training)


@MODELS.register_module()
class MultiGranularTimeSformer(BaseModule):
    """Shared divided space-time ViT over SeFAR's temporal elements.

    The input clip ``(B, 3, K, H, W)`` holds ``DualLevelSampleFrames``'
    frames in time order; each element takes its frames by the sampler's
    layout ``element_segments(elements)``, gets its own temporal embedding
    and is forwarded on its own (elements of equal length are batched
    together); the output is the CLS feature of each
    element, ``(B, num_elements, D)``.

    Tube TokenMix (SVFormer): ``forward(x, token_mix=(masks, index))``
    replaces, per element, the patch tokens where ``masks[e]`` ``(N,)`` is
    False by those of sample ``index[b]`` (same positions in every frame).

    Args:
        arch (str | dict): ``'small'`` (ViT-S/16), ``'base'`` (ViT-B/16)
            or a dict with ``embed_dims``, ``depth``, ``num_heads``.
            Defaults to ``'small'``.
        elements (Sequence[int]): ``{L-...-C}`` of the sampler. Defaults
            to ``(2, 2, 4)``.
        img_size (int): Input size (square frames, ``H = W = img_size``).
            Defaults to 224.
        patch_size (int): Patch size; ``img_size`` must be a multiple of
            it. Defaults to 16.
        in_channels (int): Channels of the input frames. Defaults to 3.
        mlp_ratio (float): Hidden dims of each block's MLP relative to
            ``embed_dims``. Defaults to 4.0.
        drop_path_rate (float): Stochastic depth rate of the last block,
            rising linearly from 0 in the first. Defaults to 0.0.
        pretrained (str | bool, optional): A local ImageNet ViT checkpoint
            (timm or MMPretrain names), loaded by ``init_weights``; None
            starts from random weights with a loud warning (once per
            process) naming ``model.backbone.pretrained`` (the paper starts
            from ImageNet weights); False starts from random weights on
            purpose, without it. Defaults to None.
        init_cfg (dict, optional): Config to control the initialization.
            Defaults to None.
    """

    def __init__(self,
                 arch='small',
                 elements: Sequence[int] = (2, 2, 4),
                 img_size: int = 224,
                 patch_size: int = 16,
                 in_channels: int = 3,
                 mlp_ratio: float = 4.0,
                 drop_path_rate: float = 0.0,
                 pretrained: Optional[str] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        if isinstance(arch, str):
            if arch not in ARCHS:
                raise ValueError(f'arch must be one of {sorted(ARCHS)} or a '
                                 f'dict, got {arch!r}')
            dims, depth, heads = ARCHS[arch]
        else:
            dims, depth, heads = (arch['embed_dims'], arch['depth'],
                                  arch['num_heads'])
        if img_size % patch_size:
            raise ValueError(f'img_size {img_size} is not a multiple of '
                             f'patch_size {patch_size}')
        self.elements = check_elements(elements)
        self.segments = element_segments(self.elements)
        self.length_groups: Dict[int, List[int]] = {}  # batched together
        for e, length in enumerate(self.elements):
            self.length_groups.setdefault(length, []).append(e)
        self.embed_dims, self.img_size = dims, img_size
        self.num_patches = (img_size // patch_size)**2
        self.pretrained = pretrained
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(in_channels, dims, patch_size,
                                          patch_size)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dims))
        self.pos_embed = nn.Parameter(
            torch.zeros(1, 1 + self.num_patches, dims))
        self.time_embeds = nn.ParameterList([
            nn.Parameter(torch.zeros(1, length, dims))
            for length in self.elements
        ])
        rates = torch.linspace(0, drop_path_rate, depth).tolist()
        self.blocks = nn.ModuleList([
            DividedSpaceTimeBlock(dims, heads, mlp_ratio, rate)
            for rate in rates
        ])
        self.norm = nn.LayerNorm(dims, eps=1e-6)
        nn.init.trunc_normal_(self.pos_embed, std=0.02)
        nn.init.trunc_normal_(self.cls_token, std=0.02)

    def init_weights(self) -> None:
        super().init_weights()
        if self.pretrained:
            from .vit_weights import load_vit_weights
            load_vit_weights(self, self.pretrained)
        elif self.pretrained is None and not _WARNED:
            _WARNED.append(True)
            from mmengine.logging import print_log
            print_log(
                '!' * 72 + '\nMultiGranularTimeSformer starts from RANDOM '
                'weights: SeFAR starts from ImageNet ViT weights. Set '
                '`model.backbone.pretrained` to a local ViT checkpoint\n'
                '(e.g. --cfg-options model.backbone.pretrained=vit_s16.pth),'
                ' or to False to train from scratch on purpose.\n' + '!' * 72,
                logger='current',
                level=30)

    def _tokens(self, frames: torch.Tensor) -> torch.Tensor:
        """``(B, 3, T, H, W)`` -> patch tokens ``(B, T, N, D)``."""
        b, c, t, h, w = frames.shape
        if (h, w) != (self.img_size, self.img_size):
            raise ValueError(f'expected {self.img_size}x{self.img_size} '
                             f'frames, got {h}x{w}')
        x = self.patch_embed.proj(
            frames.transpose(1, 2).reshape(b * t, c, h, w))
        return x.flatten(2).transpose(1, 2).reshape(b, t, -1, self.embed_dims)

    def _encode(self, tokens: torch.Tensor,
                time_embed: torch.Tensor) -> torch.Tensor:
        """Patch tokens ``(B, T, N, D)`` of one element -> CLS ``(B, D)``."""
        b, t, n, d = tokens.shape
        x = tokens + self.pos_embed[:, None, 1:]
        x = x + time_embed[:, :, None]
        cls = (self.cls_token + self.pos_embed[:, :1]).expand(b, 1, d)
        x = torch.cat([cls, x.reshape(b, t * n, d)], 1)
        for block in self.blocks:
            x = block(x, t)
        return self.norm(x)[:, 0]

    def forward(self,
                x: torch.Tensor,
                token_mix: Optional[tuple] = None) -> torch.Tensor:
        """``(B, 3, K, H, W)`` -> element features ``(B, E, D)``.

        Args:
            x (torch.Tensor): Clips ``(B, in_channels, K, H, W)`` of
                ``K = sum(elements)`` frames in time order,
                ``H = W = img_size``.
            token_mix (tuple, optional): ``(masks, index)`` of Tube
                TokenMix (see the class docstring): one boolean mask
                ``(N,)`` per element and the partner index ``(B,)``.
                Defaults to None.

        Returns:
            torch.Tensor: The CLS feature of each element ``(B, E, D)``,
            ``E = len(elements)``, ``D`` the ``embed_dims`` of ``arch``.
        """
        if x.dim() != 5 or x.shape[2] != sum(self.elements):
            raise ValueError(
                f'expected (B, 3, {sum(self.elements)}, H, W) clips of '
                f'elements {self.elements}, got {tuple(x.shape)}')
        tokens = self._tokens(x)
        parts = [tokens[:, segments] for segments in self.segments]
        if token_mix is not None:
            masks, index = token_mix
            parts = [
                torch.where(m.to(p.device)[None, None, :, None], p, p[index])
                for p, m in zip(parts, masks)
            ]
        feats = [None] * len(self.elements)
        b = x.shape[0]
        for members in self.length_groups.values():
            batch = torch.cat([parts[e] for e in members])
            embed = torch.cat(
                [self.time_embeds[e].expand(b, -1, -1) for e in members])
            for e, f in zip(members, self._encode(batch, embed).split(b)):
                feats[e] = f
        return torch.stack(feats, 1)

    @staticmethod
    def interpolate_pos_embed(pos_embed: torch.Tensor,
                              num_patches: int) -> torch.Tensor:
        """Resize a ``(1, 1 + n, D)`` position embedding to ``num_patches``
        (bicubic on the patch grid)."""
        old = pos_embed.shape[1] - 1
        if old == num_patches:
            return pos_embed
        src, dst = int(math.isqrt(old)), int(math.isqrt(num_patches))
        grid = pos_embed[:, 1:].reshape(1, src, src, -1).permute(0, 3, 1, 2)
        grid = F.interpolate(
            grid, size=(dst, dst), mode='bicubic', align_corners=False)
        return torch.cat([
            pos_embed[:, :1],
            grid.permute(0, 2, 3, 1).reshape(1, dst * dst, -1)
        ], 1)
