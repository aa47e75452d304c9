"""Skeleton-based Spatial Decomposition (FineTec, Eqs. 2-3)."""
from typing import Callable, Dict, List, Sequence, Tuple, Union

import torch
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS
from mmfine.structures import get_layout
from .skeleton_perturbations import crop_resize  # noqa: F401 (re-exported)
from .skeleton_perturbations import build_perturbation

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

    The perturbations are those of appendix B (see
    ``skeleton_perturbations``): weak = temporal cropping (the main text
    and METHODS.md give flipping as an example of a weak one; it is
    ``weak=('spatial_flip', )``), strong = spatial
    flipping, Gaussian noise, axis masking, bone rescaling, time flipping,
    interpolation and dropout. The paper does not say how many strong ones
    are combined: per sample, ``num_strong`` perturbations of the strong
    list (one by default) and one of the weak list are drawn uniformly.
    Drop ``'time_flip'`` from ``strong`` where reversing time changes the
    class (forward vs. backward actions); on MSR Action3D at 48 frames
    leaving it out changed top-1 by at most 0.011 (README). The former
    crop-or-interpolate scheme is e.g. ``strong=(dict(type='temporal_crop',
    ratio=(0.5, 0.8)), 'interpolation')``.

    Perturbations are training augmentations: in eval mode
    ``S_dyna = S_stat = S_base`` unless ``test_perturb``, which keeps them
    random at test time too (on MSR Action3D, 16 frames, 3 seeds: 0.523
    +- 0.027 top-1 at 75% dropped against 0.526 +- 0.024 without; see
    configs/finetec/README.md).

    Args:
        layout (str): Joint layout name, e.g. ``'coco17'``.
        num_dynamic (int): Number of dynamic regions. Defaults to 2.
        strong (Sequence[str | dict]): Perturbations of the dynamic regions,
            names of ``PERTURBATIONS`` or ``dict(type=name, **params)``.
            Defaults to ``('spatial_flip', 'gaussian_noise', 'axis_mask',
            'bone_rescale', 'time_flip', 'interpolation', 'dropout')``.
        weak (Sequence[str | dict]): Perturbations of the static regions,
            likewise. Defaults to ``('temporal_crop', )``.
        num_strong (int): Strong perturbations applied one after another
            to each sample (each drawn uniformly). Defaults to 1.
        test_perturb (bool): Perturb in eval mode too. Defaults to False.
        init_cfg (dict, optional): Initialisation config. Defaults to None.
    """

    def __init__(self,
                 layout: str,
                 num_dynamic: int = 2,
                 strong: Sequence[Union[str,
                                        dict]] = ('spatial_flip',
                                                  'gaussian_noise',
                                                  'axis_mask', 'bone_rescale',
                                                  'time_flip', 'interpolation',
                                                  'dropout'),
                 weak: Sequence[Union[str, dict]] = ('temporal_crop', ),
                 num_strong: int = 1,
                 test_perturb: bool = False,
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        regions = five_regions(layout)
        if not 1 <= num_dynamic < len(regions):
            raise ValueError(f'num_dynamic must lie in [1, {len(regions)}), '
                             f'got {num_dynamic}')
        if not strong or not weak:
            raise ValueError('strong and weak need a perturbation each')
        if num_strong < 1:
            raise ValueError(
                f'num_strong must be at least 1, got {num_strong}')
        self.num_strong = num_strong
        self.num_dynamic, self.test_perturb = num_dynamic, test_perturb
        self.strong = [build_perturbation(cfg, layout) for cfg in strong]
        self.weak = [build_perturbation(cfg, layout) for cfg in weak]
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
        chosen = torch.zeros(
            len(seq), len(self.membership),
            device=seq.device).scatter_(1, top, 1.0)
        return (chosen @ self.membership).clamp(max=1)

    @staticmethod
    def perturb(ops: List[Callable], seq: torch.Tensor) -> torch.Tensor:
        """Apply one of ``ops``, drawn uniformly per sample, to ``seq``
        ``(N, T, V, C)``."""
        n = len(seq)
        choice = torch.randint(len(ops), (n, ), device=seq.device)
        return torch.stack([op(seq)
                            for op in ops])[choice,
                                            torch.arange(n, device=seq.device)]

    def forward(
            self, base: torch.Tensor
    ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Decompose, perturb and fuse.

        Args:
            base (torch.Tensor): ``S_base`` ``(N, T, V, C)``.

        Returns:
            tuple[torch.Tensor]: ``S_pred``, ``S_dyna`` and ``S_stat``, each
            ``(N, T, V, C)``.
        """
        dyna = stat = base
        if self.training or self.test_perturb:
            dyn = self.dynamic_joints(base)[:, None, :, None].bool()
            strong = base
            for _ in range(self.num_strong):
                strong = self.perturb(self.strong, strong)
            dyna = torch.where(dyn, strong, base)
            stat = torch.where(dyn, base, self.perturb(self.weak, base))
        w = torch.softmax(self.fusion_logits, 0)
        return w[0] * base + w[1] * dyna + w[2] * stat, dyna, stat
