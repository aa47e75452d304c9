import pytest
import torch

from mmfine.models.cofinal import KinematicPoseEncoder


def test_features_match_a_direct_computation_and_ignore_placement():
    torch.manual_seed(0)
    encoder = KinematicPoseEncoder(in_channels=2, velocity_scale=10)
    x = torch.randn(1, 1, 5, 4, 3)
    out = encoder(x)
    assert out.shape == (1, 1, 3 * 4 * 2, 4, 1)
    pose = x[0, 0, :, :, :2]
    pose = pose - pose.mean(1, keepdim=True)
    pose = pose / pose.norm(dim=-1).mean()
    velocity = 10 * (pose[1:] - pose[:-1])
    expected = torch.cat(
        [pose[1:], velocity, velocity.abs()], -1).reshape(4, -1).t()
    assert torch.allclose(out[0, 0, :, :, 0], expected, atol=1e-5)
    moved = x.clone()
    moved[..., :2] = 3 * x[..., :2] + 50  # another size and place
    assert torch.allclose(encoder(moved), out, atol=1e-4)


def test_bad_input():
    with pytest.raises(ValueError, match=r'\(N, M, T, V, C\)'):
        KinematicPoseEncoder()(torch.zeros(2, 5, 17, 2))
    with pytest.raises(ValueError, match='at least 2 frames'):
        KinematicPoseEncoder()(torch.zeros(1, 1, 1, 17, 2))
