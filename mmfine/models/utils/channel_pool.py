"""Average-pooling a backbone output to one vector per sample, for heads
that serve video and skeleton backbones alike."""
import torch


def pool_channels(x: torch.Tensor,
                  channel_dim: int,
                  channels: int,
                  owner: str,
                  num_segs: int = None) -> torch.Tensor:
    """``(N, channels)``: the mean of ``x`` over every axis but the batch
    and ``channel_dim`` (1 for video backbones ``(N, C, T, H, W)``, 2 for
    skeleton ones ``(N, M, C, T, V)``, whose M persons are averaged too);
    ``owner`` names the caller in the error on a wrong shape. With
    ``num_segs`` (2D recognizers such as TSM/TSN pass it: the backbone ran
    on ``N * num_segs`` frames) the segments' features are averaged too,
    MMAction2's average consensus."""
    if x.dim() <= channel_dim or x.shape[channel_dim] != channels:
        raise ValueError(f'{owner} expects {channels} channels on axis '
                         f'{channel_dim}, got input of shape '
                         f'{tuple(x.shape)}')
    x = x.movedim(channel_dim, -1)
    pooled = x.reshape(x.shape[0], -1, channels).mean(1)
    if num_segs:
        pooled = pooled.reshape(-1, num_segs, channels).mean(1)
    return pooled
