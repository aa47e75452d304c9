import pytest
import torch

from mmfine.models.finetec import (PERTURBATIONS, axis_mask, bone_rescale,
                                   build_perturbation, dropout, gaussian_noise,
                                   interpolation, spatial_flip, temporal_crop,
                                   time_flip)
from mmfine.structures import get_layout

COCO = get_layout('coco17')


def sequence(n=4, t=10, c=2, seed=0):
    torch.manual_seed(seed)
    return torch.randn(n, t, COCO.num_joints, c) + 3


def centre(seq):
    return seq[:, :, COCO.center].mean(1)[:, None, None]


def test_registry_is_the_appendix_list():
    assert set(PERTURBATIONS) == {
        'spatial_flip', 'gaussian_noise', 'axis_mask', 'bone_rescale',
        'time_flip', 'interpolation', 'temporal_crop', 'dropout'}
    # SpatialDecomposition's defaults: weak = temporal cropping only, strong
    # = the appendix's seven spatial, temporal and spatio-temporal ones
    import inspect

    from mmfine.models.finetec import SpatialDecomposition
    defaults = inspect.signature(SpatialDecomposition).parameters
    assert set(defaults['strong'].default) == set(PERTURBATIONS) - {
        'temporal_crop'}
    assert tuple(defaults['weak'].default) == ('temporal_crop', )


def test_time_flip_reverses_exactly():
    seq = sequence()
    assert torch.equal(time_flip(seq, p=1.0), seq.flip(1))
    assert torch.equal(time_flip(seq, p=0.0), seq)
    out = time_flip(sequence(n=64))
    flipped = [torch.equal(o, s.flip(0)) for o, s in zip(out, sequence(64))]
    kept = [torch.equal(o, s) for o, s in zip(out, sequence(64))]
    assert all(f != k for f, k in zip(flipped, kept))
    assert 0 < sum(flipped) < 64


def test_spatial_flip_mirrors_x_and_swaps_sides():
    seq = sequence(c=3)
    out = spatial_flip(seq, 'coco17', p=1.0)
    for left, right in COCO.flip_pairs:
        torch.testing.assert_close(out[..., left, 0],
                                   2 * centre(seq)[..., 0, 0] -
                                   seq[..., right, 0])
        assert torch.equal(out[..., left, 1:], seq[..., right, 1:])
        assert torch.equal(out[..., right, 1:], seq[..., left, 1:])
    torch.testing.assert_close(spatial_flip(out, COCO, p=1.0), seq)
    assert torch.equal(spatial_flip(seq, 'coco17', p=0.0), seq)


def test_gaussian_noise_std_on_poses_and_none_on_empty_frames():
    seq = torch.ones(100, 20, 17, 3)
    seq[:, 5] = 0  # a dropped frame
    seq[7] = 0  # an absent person
    noise = gaussian_noise(seq, std=0.05) - seq
    empty = seq.flatten(2).eq(0).all(-1)
    assert noise[empty].abs().max() == 0
    assert abs(noise[~empty].std().item() - 0.05) < 0.001
    assert abs(noise[~empty].mean().item()) < 0.001


def test_axis_mask_zeroes_one_axis_per_sample_about_the_centre():
    seq = sequence(n=60, c=3)
    out = axis_mask(seq, 'coco17')
    masked = out == centre(seq)
    axes = []
    for n in range(len(seq)):
        full = [masked[n, ..., a].all().item() for a in range(3)]
        assert sum(full) == 1
        axis = full.index(True)
        rest = [a for a in range(3) if a != axis]
        assert torch.equal(out[n, ..., rest], seq[n, ..., rest])
        axes.append(axis)
    assert set(axes) == {0, 1, 2}


def test_dropout_zeroes_only_whole_chosen_entries():
    seq = sequence(n=50)
    out = dropout(seq, p=0.3)
    zeroed = (out == 0).all(-1)
    assert torch.equal(out[~zeroed], seq[~zeroed])
    assert not (out[~zeroed] == 0).any()
    assert abs(zeroed.float().mean().item() - 0.3) < 0.03


def test_temporal_crop_full_range_is_identity():
    seq = sequence()
    torch.testing.assert_close(temporal_crop(seq, ratio=(1.0, 1.0)), seq)


def test_temporal_crop_resamples_the_window():
    ramp = torch.arange(20.).reshape(1, 20, 1, 1).repeat(8, 1, 17, 2)
    out = temporal_crop(ramp, ratio=(0.5, 0.5))
    start = out[:, 0, 0, 0]
    assert ((start >= 0) & (start <= 10)).all()
    expected = start[:, None] + torch.linspace(0, 9, 20)[None]
    torch.testing.assert_close(out[..., 0, 0], expected)


def test_interpolation_keeps_the_undropped_frames():
    seq = sequence(n=6, t=10)
    out = interpolation(seq, ratio=0.3)
    same = (out == seq).flatten(2).all(-1).sum(1)
    assert same.tolist() == [7] * 6
    line = torch.linspace(0, 1, 10).reshape(1, 10, 1, 1).repeat(6, 1, 17, 2)
    inner = interpolation(line, ratio=0.3)
    # interior gaps of a straight line are filled exactly
    kept = (inner == line).flatten(2).all(-1)
    for n in range(6):
        idx = kept[n].nonzero().flatten()
        lo, hi = idx.min(), idx.max() + 1
        torch.testing.assert_close(inner[n, lo:hi], line[n, lo:hi])
    # dropping everything still keeps one frame, copied over the clip
    still = interpolation(seq, ratio=1.0)
    assert torch.equal(still, still[:, :1].expand_as(seq))


def test_bone_rescale_keeps_root_and_scales_bones():
    seq = sequence(c=3)
    root = seq[:, :, [COCO.center]]
    torch.testing.assert_close(bone_rescale(seq, 'coco17', scale=(2., 2.)),
                               root + 2 * (seq - root))
    out = bone_rescale(seq, 'coco17', scale=(0.5, 1.5))
    assert torch.equal(out[:, :, COCO.center], seq[:, :, COCO.center])
    for child, parent in COCO.inward:
        old = seq[:, :, child] - seq[:, :, parent]
        new = out[:, :, child] - out[:, :, parent]
        factor = new.norm(dim=-1) / old.norm(dim=-1)  # N, T
        torch.testing.assert_close(factor, factor[:, :1].expand_as(factor))
        assert ((factor >= 0.5 - 1e-5) & (factor <= 1.5 + 1e-5)).all()
        torch.testing.assert_close(new, factor[..., None] * old)


def test_build_perturbation():
    seq = sequence()
    assert torch.equal(build_perturbation(
        dict(type='gaussian_noise', std=0.0), 'coco17')(seq), seq)
    assert torch.equal(build_perturbation(
        dict(type='spatial_flip', p=0.0), 'coco17')(seq), seq)
    assert build_perturbation('axis_mask', 'coco17')(seq).shape == seq.shape
    with pytest.raises(ValueError, match='known: .*bone_rescale'):
        build_perturbation('rotate', 'coco17')
    with pytest.raises(TypeError):
        build_perturbation(dict(type='gaussian_noise', sigma=1), 'coco17')
