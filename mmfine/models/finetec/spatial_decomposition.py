"""Skeleton-based Spatial Decomposition (FineTec, Eqs. 2-3)."""
from typing import Dict, List, Tuple

import torch
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from mmfine.structures import get_layout
from mmfine.structures.frame_restoration import linear_interpolation

FIVE_REGIONS = ('head', 'left_arm', 'right_arm', 'left_leg', 'right_leg')


def five_regions(layout_name: str) -> Dict[str, List[int]]:
    """The paper's five regions for any layout: shoulders join their arm,
    hips their leg, and unsided trunk joints (neck, spine, pelvis) the head
    region, so that every joint belongs to exactly one region."""
    layout = get_layout(layout_name)
    regions = {name: list(layout.regions[name]) for name in FIVE_REGIONS}
    for j in layout.regions['torso']:
        joint = layout.joints[j]
        side = 'left_' if joint.startswith('left') else \
            'right_' if joint.startswith('right') else ''
        if not side:
            regions['head'].append(j)
        elif 'hip' in joint or 'pelvis' in joint:
            regions[side + 'leg'].append(j)
        else:
            regions[side + 'arm'].append(j)
    empty = [name for name, joints in regions.items() if not joints]
    if empty:
        raise ValueError(f'layout {layout_name!r} has no joint in regions '
                         f'{empty}; FineTec needs all five')
    return {name: sorted(joints) for name, joints in regions.items()}


def crop_resize(seq: torch.Tensor, start: torch.Tensor,
                length: torch.Tensor) -> torch.Tensor:
    """Per sample, the frames ``[start, start + length)`` of ``seq``
    ``(N, T, ...)`` resampled linearly back to ``T`` frames."""
    n, t = seq.shape[:2]
    pos = start[:, None] + torch.linspace(0, 1, t, device=seq.device)[
        None] * (length[:, None] - 1)
    lo = pos.floor().long().clamp(0, t - 1)
    hi = (lo + 1).clamp(max=t - 1)
    w = (pos - lo.float()).reshape(n, t, *([1] * (seq.dim() - 2)))
    pick = lambda idx: torch.gather(  # noqa: E731
        seq, 1, idx.reshape(n, t, *([1] * (seq.dim() - 2))).expand_as(seq))
    return pick(lo) * (1 - w) + pick(hi) * w


@MODELS.register_module()
class SpatialDecomposition(BaseModule):
    """Split ``S_base`` into dynamic and static regions and perturb them.

    Motion of joint i (Eq. 2): the mean frame-to-frame displacement; of a
    region (Eq. 3): the mean over its joints. The ``num_dynamic`` regions of
    highest motion are dynamic. ``S_dyna`` is ``S_base`` with the dynamic
    regions replaced by a strongly perturbed copy, ``S_stat`` with the
    static regions replaced by a weakly perturbed copy. The fusion
    ``S_pred = sum_a w_a S_a`` uses learned softmax weights over
    (base, dyna, stat).

    Perturbations (appendix B), drawn per sample while training:

    * strong: a temporal crop of ``strong_crop`` of the clip resized back,
      or dropping ``strong_drop`` of the frames and interpolating, plus
      Gaussian noise of std ``noise_std``;
    * weak: a temporal crop of ``weak_crop`` resized back.

    The appendix also lists random time flipping; it is left out because
    reversing time changes the class of direction-defined fine-grained
    actions (forward vs. backward). At inference the perturbations are
    deterministic: centred crops of the middle of each range, no noise.
    """

    def __init__(self, layout: str, num_dynamic: int = 2,
                 strong_crop: Tuple[float, float] = (0.5, 0.8),
                 strong_drop: float = 0.5, noise_std: float = 0.01,
                 weak_crop: Tuple[float, float] = (0.9, 1.0),
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        regions = five_regions(layout)
        if not 1 <= num_dynamic < len(regions):
            raise ValueError(f'num_dynamic must lie in [1, {len(regions)}), '
                             f'got {num_dynamic}')
        self.num_dynamic = num_dynamic
        self.strong_crop, self.weak_crop = strong_crop, weak_crop
        self.strong_drop, self.noise_std = strong_drop, noise_std
        num_joints = get_layout(layout).num_joints
        member = torch.zeros(len(regions), num_joints)
        for r, joints in enumerate(regions.values()):
            member[r, joints] = 1
        self.register_buffer('membership', member, persistent=False)
        self.fusion_logits = nn.Parameter(torch.zeros(3))

    def region_motion(self, seq: torch.Tensor) -> torch.Tensor:
        """Eqs. 2-3: ``(N, 5)`` mean displacement per region of
        ``seq`` ``(N, T, V, C)``."""
        joint = (seq[:, 1:] - seq[:, :-1]).norm(dim=-1).mean(1)  # N, V
        return joint @ self.membership.t() / self.membership.sum(1)

    def dynamic_joints(self, seq: torch.Tensor) -> torch.Tensor:
        """``(N, V)`` 1 for joints of the dynamic regions."""
        top = self.region_motion(seq).topk(self.num_dynamic, dim=1).indices
        chosen = torch.zeros(len(seq), len(self.membership),
                             device=seq.device).scatter_(1, top, 1.0)
        return (chosen @ self.membership).clamp(max=1)

    def _crop(self, seq: torch.Tensor, ratio: Tuple[float, float]
              ) -> torch.Tensor:
        n, t = seq.shape[:2]
        if self.training:
            frac = torch.empty(n, device=seq.device).uniform_(*ratio)
            length = (frac * t).clamp(min=2)
            start = torch.rand(n, device=seq.device) * (t - length)
        else:
            length = torch.full((n, ), sum(ratio) / 2 * t,
                                device=seq.device).clamp(min=2)
            start = (t - length) / 2
        return crop_resize(seq, start, length)

    def strong(self, seq: torch.Tensor) -> torch.Tensor:
        cropped = self._crop(seq, self.strong_crop)
        if not self.training:
            return cropped
        keep = (torch.rand(seq.shape[:2], device=seq.device) >=
                self.strong_drop).float()
        keep[:, 0] = 1
        dropped = linear_interpolation(seq, keep)
        use_crop = (torch.rand(len(seq), device=seq.device) < 0.5).reshape(
            -1, *([1] * (seq.dim() - 1)))
        out = torch.where(use_crop, cropped, dropped)
        return out + torch.randn_like(out) * self.noise_std

    def forward(self, base: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """``S_base`` ``(N, T, V, C)`` -> ``(S_pred, S_dyna, S_stat)``."""
        dyn = self.dynamic_joints(base)[:, None, :, None]
        dyna = base * (1 - dyn) + self.strong(base) * dyn
        stat = base * dyn + self._crop(base, self.weak_crop) * (1 - dyn)
        w = torch.softmax(self.fusion_logits, 0)
        return w[0] * base + w[1] * dyna + w[2] * stat, dyna, stat
