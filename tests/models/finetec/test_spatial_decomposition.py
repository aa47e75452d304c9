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


def test_dynamic_regions_are_perturbed_strongly_static_weakly():
    seq, arm, leg = moving_left_arm()
    module = SpatialDecomposition('coco17', num_dynamic=2).eval()
    dyn = module.dynamic_joints(seq)[0]
    assert set(dyn.nonzero().flatten().tolist()) == set(arm) | set(leg)
    pred, dyna, stat = module(seq)
    static = [j for j in range(17) if j not in arm + leg]
    torch.testing.assert_close(dyna[:, :, static], seq[:, :, static])
    torch.testing.assert_close(stat[:, :, arm + leg], seq[:, :, arm + leg])
    assert not torch.allclose(dyna[:, :, arm], seq[:, :, arm])
    w = torch.softmax(module.fusion_logits, 0)
    torch.testing.assert_close(pred, w[0] * seq + w[1] * dyna + w[2] * stat)


def test_inference_is_deterministic_training_is_not():
    seq, _, _ = moving_left_arm()
    module = SpatialDecomposition('coco17').eval()
    torch.testing.assert_close(module(seq)[1], module(seq)[1])
    module.train()
    assert not torch.allclose(module(seq)[1], module(seq)[1])


def test_bad_num_dynamic():
    with pytest.raises(ValueError, match='num_dynamic'):
        SpatialDecomposition('coco17', num_dynamic=5)
