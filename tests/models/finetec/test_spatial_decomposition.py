import pytest
import torch

from mmfine.models.finetec import SpatialDecomposition, five_regions
from mmfine.structures import get_layout


@pytest.mark.parametrize('layout', ['coco17', 'h36m17', 'kinect_v1_20',
                                    'ntu25', 'openpose18', 'mediapipe33'])
def test_five_regions_partition_every_layout(layout):
    regions = five_regions(layout)
    joints = sorted(j for r in regions.values() for j in r)
    assert joints == list(range(get_layout(layout).num_joints))


def test_coco_regions():
    layout = get_layout('coco17')
    regions = five_regions('coco17')
    names = {r: {layout.joints[j] for j in js} for r, js in regions.items()}
    assert names['left_arm'] == {'left_shoulder', 'left_elbow', 'left_wrist'}
    assert names['right_leg'] == {'right_hip', 'right_knee', 'right_ankle'}
    assert 'nose' in names['head']


def moving_left_arm():
    torch.manual_seed(0)
    seq = torch.randn(1, 1, 17, 2).repeat(2, 12, 1, 1)
    arm = five_regions('coco17')['left_arm']
    leg = five_regions('coco17')['right_leg']
    t = torch.linspace(0, 1, 12)[:, None]
    seq[:, :, arm] += torch.stack([t, t**2], -1)
    seq[:, :, leg] += 0.2 * torch.stack([t, -t], -1)
    return seq, arm, leg


def test_region_motion_is_eqs_2_and_3():
    seq, arm, _ = moving_left_arm()
    module = SpatialDecomposition('coco17')
    joint = (seq[:, 1:] - seq[:, :-1]).norm(dim=-1).mean(1)
    regions = list(five_regions('coco17').values())
    ref = torch.stack([joint[:, r].mean(1) for r in regions], 1)
    torch.testing.assert_close(module.region_motion(seq), ref)


def test_training_perturbs_only_the_chosen_regions():
    seq, arm, leg = moving_left_arm()
    module = SpatialDecomposition('coco17', num_dynamic=2).train()
    dyn = module.dynamic_joints(seq)[0]
    assert set(dyn.nonzero().flatten().tolist()) == set(arm) | set(leg)
    torch.manual_seed(1)
    pred, dyna, stat = module(seq)
    static = [j for j in range(17) if j not in arm + leg]
    assert torch.equal(dyna[:, :, static], seq[:, :, static])
    assert torch.equal(stat[:, :, arm + leg], seq[:, :, arm + leg])
    assert not torch.allclose(dyna[:, :, arm + leg], seq[:, :, arm + leg])
    w = torch.softmax(module.fusion_logits, 0)
    torch.testing.assert_close(pred, w[0] * seq + w[1] * dyna + w[2] * stat)


def test_inference_does_not_perturb():
    seq, _, _ = moving_left_arm()
    module = SpatialDecomposition('coco17').eval()
    pred, dyna, stat = module(seq)
    assert torch.equal(dyna, seq) and torch.equal(stat, seq)
    torch.testing.assert_close(pred, seq)


def test_training_and_test_perturb_are_random():
    seq, _, _ = moving_left_arm()
    for module in (SpatialDecomposition('coco17').train(),
                   SpatialDecomposition('coco17', test_perturb=True).eval()):
        assert not torch.allclose(module(seq)[1], module(seq)[1])


def test_one_strong_perturbation_per_sample():
    torch.manual_seed(0)
    seq = torch.randn(40, 8, 17, 2)
    module = SpatialDecomposition(
        'coco17', strong=(dict(type='time_flip', p=1.0),
                          dict(type='gaussian_noise', std=0.0)),
        weak=(dict(type='gaussian_noise', std=0.0), )).train()
    dyn = module.dynamic_joints(seq).bool()
    dyna = module(seq)[1]
    flipped = torch.where(dyn[:, None, :, None], seq.flip(1), seq)
    is_flip = [torch.equal(d, f) for d, f in zip(dyna, flipped)]
    is_base = [torch.equal(d, s) for d, s in zip(dyna, seq)]
    assert all(f != b for f, b in zip(is_flip, is_base))
    assert 0 < sum(is_flip) < len(seq)


def test_old_scheme_by_names():
    seq, arm, leg = moving_left_arm()
    module = SpatialDecomposition(
        'coco17', strong=(dict(type='temporal_crop', ratio=(0.5, 0.8)),
                          'interpolation')).train()
    dyna = module(seq)[1]
    assert not torch.allclose(dyna[:, :, arm], seq[:, :, arm])


def test_bad_perturbation_names():
    with pytest.raises(ValueError, match="'rotate'; known: .*time_flip"):
        SpatialDecomposition('coco17', strong=('time_flip', 'rotate'))
    with pytest.raises(ValueError, match='known'):
        SpatialDecomposition('coco17', weak=('crop', ))
    with pytest.raises(ValueError, match='weak'):
        SpatialDecomposition('coco17', weak=())


def test_bad_num_dynamic():
    with pytest.raises(ValueError, match='num_dynamic'):
        SpatialDecomposition('coco17', num_dynamic=5)


@pytest.mark.parametrize('num_strong,flipped', [(1, True), (2, False),
                                                (3, True)])
def test_num_strong_perturbations_follow_one_another(num_strong, flipped):
    """Time flipping is its own inverse: applied ``num_strong`` times, the
    dynamic regions are flipped when that number is odd."""
    torch.manual_seed(0)
    seq = torch.randn(6, 8, 17, 2)
    module = SpatialDecomposition(
        'coco17', strong=(dict(type='time_flip', p=1.0), ),
        num_strong=num_strong).train()
    dyn = module.dynamic_joints(seq).bool()[:, None, :, None]
    expected = torch.where(dyn, seq.flip(1), seq) if flipped else seq
    torch.testing.assert_close(module(seq)[1], expected, atol=0, rtol=0)
    with pytest.raises(ValueError, match='num_strong'):
        SpatialDecomposition('coco17', num_strong=0)
