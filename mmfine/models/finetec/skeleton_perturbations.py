"""Skeleton perturbations of FineTec's spatial decomposition (appendix B).

Weak augmentation is temporal cropping only; the strong ("extreme") one
draws from spatial (``spatial_flip``, ``gaussian_noise``, ``axis_mask``,
``bone_rescale``), temporal (``time_flip``, ``interpolation``) and
spatio-temporal (``dropout``) perturbations. Each function maps coordinates
``(N, T, V, C)`` to a perturbed copy of the same shape and draws its
randomness per sample from torch's global RNG. The "centre" of a sample is
its layout's centre joint averaged over time.
"""
from functools import partial
from inspect import signature
from typing import Callable, Dict, Tuple, Union

import torch
import torch.nn.functional as F

from mmfine.structures import SkeletonLayout, get_layout
from mmfine.structures.frame_restoration import linear_interpolation

Layout = Union[str, SkeletonLayout]


def _draw(seq: torch.Tensor, p: float) -> torch.Tensor:
    """``(N, 1, 1, 1)`` bool, True for the samples hit with probability p."""
    return (torch.rand(len(seq), device=seq.device) < p)[:, None, None, None]


def _centre(seq: torch.Tensor, layout: SkeletonLayout) -> torch.Tensor:
    """``(N, 1, 1, C)`` time-averaged position of the centre joint."""
    return seq[:, :, layout.center].mean(1)[:, None, None]


def crop_resize(seq: torch.Tensor, start: torch.Tensor,
                length: torch.Tensor) -> torch.Tensor:
    """Per sample, the frames ``[start, start + length)`` of ``seq``
    ``(N, T, ...)`` resampled linearly back to ``T`` frames."""
    n, t = seq.shape[:2]
    pos = start[:, None] + torch.linspace(
        0, 1, t, device=seq.device)[None] * (
            length[:, None] - 1)
    lo = pos.floor().long().clamp(0, t - 1)
    hi = (lo + 1).clamp(max=t - 1)
    w = (pos - lo.float()).reshape(n, t, *([1] * (seq.dim() - 2)))
    pick = lambda idx: torch.gather(  # noqa: E731
        seq, 1,
        idx.reshape(n, t, *([1] * (seq.dim() - 2))).expand_as(seq))
    return pick(lo) * (1 - w) + pick(hi) * w


def spatial_flip(seq: torch.Tensor,
                 layout: Layout,
                 p: float = 0.5) -> torch.Tensor:
    """Mirror x about the centre and swap left and right joints.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates, x first.
        layout (str | SkeletonLayout): Gives ``flip_index`` and the centre.
        p (float): Probability that a sample is flipped. Defaults to 0.5.

    Returns:
        torch.Tensor: ``(N, T, V, C)``; flipping twice is the identity.
    """
    layout = get_layout(layout)
    flipped = seq[:, :, layout.flip_index].clone()
    flipped[..., 0] = 2 * _centre(seq, layout)[..., 0] - flipped[..., 0]
    return torch.where(_draw(seq, p), flipped, seq)


def gaussian_noise(seq: torch.Tensor, std: float = 0.01) -> torch.Tensor:
    """Add i.i.d. Gaussian noise to the frames that hold a pose; all-zero
    frames (an absent person, a clip with no frame left) stay zero, as they
    are at test time.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        std (float): Standard deviation of the noise. Defaults to 0.01.

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    present = seq.ne(0).flatten(2).any(-1)[..., None, None]
    return seq + torch.randn_like(seq) * std * present


def axis_mask(seq: torch.Tensor, layout: Layout) -> torch.Tensor:
    """Zero one coordinate axis, drawn per sample, relative to the centre
    (every joint takes the centre's value on that axis).

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        layout (str | SkeletonLayout): Gives the centre joint.

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    axis = torch.randint(seq.shape[-1], (len(seq), ), device=seq.device)
    hit = F.one_hot(axis, seq.shape[-1]).bool()[:, None, None]
    return torch.where(hit, _centre(seq, get_layout(layout)), seq)


def bone_rescale(seq: torch.Tensor,
                 layout: Layout,
                 scale: Tuple[float, float] = (0.8, 1.2)
                 ) -> torch.Tensor:  # yapf: disable
    """Scale each bone's length by its own random factor, kept over time,
    and rebuild the joints along the kinematic tree (``layout.parents``)
    from the root (the centre joint, which stays in place); bone directions
    are kept.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        layout (str | SkeletonLayout): Gives the tree.
        scale (tuple[float, float]): Range of the uniform factor per sample
            and bone. Defaults to (0.8, 1.2).

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    layout = get_layout(layout)
    parents = layout.parents
    path = torch.eye(len(parents))  # row i: joint i and its ancestors
    for i in range(len(parents)):
        j = i
        while parents[j] != j:
            j = parents[j]
            path[i, j] = 1
    factor = torch.empty(
        len(seq), 1, len(parents), 1, device=seq.device).uniform_(*scale)
    bones = (seq - seq[:, :, parents]) * factor  # the root's bone is zero
    return seq[:, :, [layout.center]] + torch.einsum('uv,ntvc->ntuc',
                                                     path.to(seq), bones)


def time_flip(seq: torch.Tensor, p: float = 0.5) -> torch.Tensor:
    """Reverse time.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        p (float): Probability that a sample is reversed. Defaults to 0.5.

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    return torch.where(_draw(seq, p), seq.flip(1), seq)


def interpolation(seq: torch.Tensor, ratio: float = 0.5) -> torch.Tensor:
    """Drop ``round(ratio * T)`` random frames per sample (at least one is
    kept) and fill them by linear interpolation between kept neighbours.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        ratio (float): Fraction of frames dropped. Defaults to 0.5.

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    n, t = seq.shape[:2]
    drop = torch.rand(
        n, t, device=seq.device).argsort(1)[:, :min(round(ratio * t), t - 1)]
    keep = torch.ones(n, t, device=seq.device).scatter_(1, drop, 0)
    return linear_interpolation(seq, keep)


def temporal_crop(
    seq: torch.Tensor, ratio: Tuple[float,
                                    float] = (0.9, 1.0)) -> torch.Tensor:
    """Crop a random window of a random fraction of the clip and resample
    it linearly back to ``T`` frames.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        ratio (tuple[float, float]): Range of the uniform window fraction.
            Defaults to (0.9, 1.0).

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    n, t = seq.shape[:2]
    length = (torch.empty(n, device=seq.device).uniform_(*ratio) *
              t).clamp(min=2)
    start = torch.rand(n, device=seq.device) * (t - length)
    return crop_resize(seq, start, length)


def dropout(seq: torch.Tensor, p: float = 0.1) -> torch.Tensor:
    """Zero all coordinates of random (frame, joint) entries, as occlusions
    across space and time; kept entries are not rescaled.

    Args:
        seq (torch.Tensor): ``(N, T, V, C)`` coordinates.
        p (float): Probability that an entry is zeroed. Defaults to 0.1.

    Returns:
        torch.Tensor: ``(N, T, V, C)``.
    """
    return seq * (torch.rand(seq.shape[:3], device=seq.device) >= p)[..., None]


PERTURBATIONS: Dict[str, Callable[..., torch.Tensor]] = {
    'spatial_flip': spatial_flip,
    'gaussian_noise': gaussian_noise,
    'axis_mask': axis_mask,
    'bone_rescale': bone_rescale,
    'time_flip': time_flip,
    'interpolation': interpolation,
    'temporal_crop': temporal_crop,
    'dropout': dropout,
}


def build_perturbation(
        cfg: Union[str, dict],
        layout: Layout) -> Callable[[torch.Tensor], torch.Tensor]:
    """A perturbation of ``PERTURBATIONS`` with its parameters bound.

    Args:
        cfg (str | dict): A name, or ``dict(type=name, **params)``, e.g.
            ``dict(type='gaussian_noise', std=0.02)``.
        layout (str | SkeletonLayout): Bound where the function needs it.

    Returns:
        Callable: ``(N, T, V, C)`` -> ``(N, T, V, C)``.
    """
    params = dict(type=cfg) if isinstance(cfg, str) else dict(cfg)
    name = params.pop('type', None)
    if name not in PERTURBATIONS:
        raise ValueError(f'unknown perturbation {name!r}; known: '
                         f'{sorted(PERTURBATIONS)}')
    fn = PERTURBATIONS[name]
    if 'layout' in signature(fn).parameters:
        params['layout'] = get_layout(layout)
    signature(fn).bind(None, **params)  # TypeError on unknown parameters
    return partial(fn, **params)
