"""A parameter-free skeleton encoder: body-frame pose and motion statistics
per frame, for scoring pose sequences (skeleton AQA)."""
import torch
from mmengine.model import BaseModule

from mmaction.registry import MODELS


@MODELS.register_module()
class KinematicPoseEncoder(BaseModule):
    """Per-frame kinematic features of a skeleton sequence, in the body's
    own frame: each frame's joints minus their centroid, divided by the
    sequence's mean joint spread (so position in the image and body size
    drop out), then for every joint coordinate the normalised position
    ``p``, its velocity ``v = s (p_t - p_(t-1))`` and speed ``|v|``, with
    ``s = velocity_scale`` bringing per-frame motion (a few hundredths of
    the body's spread) to the scale of the positions, so that every
    feature reaches a scoring head at a comparable scale.

    A backbone for MMAction2's ``RecognizerGCN`` interface: input
    ``(N, M, T, V, C)``, output ``(N, M, 3 * V * in_channels, T - 1, 1)``;
    averaging its output over time (as ``extract_clip_features.py`` does
    per clip) gives the clip's mean pose, mean displacement and mean
    absolute motion per coordinate. It has no weights, so it needs no
    pre-training and cannot overfit the few judged samples of skeleton AQA
    sets.

    Args:
        in_channels (int): Coordinates used per joint (the first
            ``in_channels`` of C, e.g. 2 for x, y when C holds a score
            too). Defaults to 2.
        velocity_scale (float): ``s`` above. Defaults to 10.
        init_cfg (dict, optional): Unused (no weights); kept for the
            backbone interface.
    """

    def __init__(self,
                 in_channels: int = 2,
                 velocity_scale: float = 10.0,
                 init_cfg: dict = None) -> None:
        super().__init__(init_cfg)
        self.in_channels = in_channels
        self.velocity_scale = velocity_scale

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() != 5 or x.shape[-1] < self.in_channels:
            raise ValueError('KinematicPoseEncoder expects (N, M, T, V, C) '
                             f'with C >= {self.in_channels}, got '
                             f'{tuple(x.shape)}')
        if x.shape[2] < 2:
            raise ValueError('KinematicPoseEncoder needs at least 2 frames, '
                             f'got {x.shape[2]}')
        pose = x[..., :self.in_channels]
        pose = pose - pose.mean(3, keepdim=True)
        spread = pose.norm(dim=-1).mean((2, 3), keepdim=True)[..., None]
        pose = pose / spread.clamp(min=1e-6)
        velocity = self.velocity_scale * (pose[:, :, 1:] - pose[:, :, :-1])
        features = torch.cat([pose[:, :, 1:], velocity, velocity.abs()], -1)
        n, m, t = features.shape[:3]
        return features.reshape(n, m, t, -1).transpose(2, 3)[..., None]
