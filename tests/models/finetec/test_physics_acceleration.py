import torch

from mmfine.models.finetec import (LagrangianAcceleration, central_velocity,
                                   second_difference, symmetric_from_upper)


def free_fall(frames=12):
    t = torch.arange(frames, dtype=torch.float64)[None, :, None, None]
    s0 = torch.tensor([0.3, 2.0], dtype=torch.float64)
    v0 = torch.tensor([0.05, 0.4], dtype=torch.float64)
    g = torch.tensor([0.0, -9.81 / 30**2], dtype=torch.float64)
    return s0 + v0 * t + 0.5 * g * t**2, v0 + g * t, g


def test_finite_differences_recover_free_fall_exactly():
    seq, vel, g = free_fall()
    acc = second_difference(seq)
    torch.testing.assert_close(acc, g.expand_as(acc), atol=1e-12, rtol=0)
    torch.testing.assert_close(
        central_velocity(seq)[:, 1:-1], vel[:, 1:-1], atol=1e-12, rtol=0)


def test_dt_scales_the_differences():
    seq, _, g = free_fall()
    acc = second_difference(seq, dt=0.5)
    torch.testing.assert_close(acc, (g / 0.25).expand_as(acc), atol=1e-10,
                               rtol=0)


def test_symmetric_from_upper():
    upper = torch.arange(1.0, 7.0)
    mat = symmetric_from_upper(upper, 3)
    expected = torch.tensor([[1.0, 2, 3], [2, 4, 5], [3, 5, 6]])
    torch.testing.assert_close(mat, expected)


def test_symmetric_linear_equals_the_triangle_then_s_dagger():
    from mmfine.models.finetec.physics_acceleration import SymmetricLinear
    torch.manual_seed(0)
    layer = SymmetricLinear(6, 4).double()
    x = torch.randn(3, 6, dtype=torch.float64)
    upper = torch.nn.functional.linear(x, layer.weight, layer.bias)
    torch.testing.assert_close(layer(x), symmetric_from_upper(upper, 4))


def test_estimated_matrices_are_symmetric_and_acceleration_follows_eq12():
    torch.manual_seed(0)
    module = LagrangianAcceleration(num_joints=5, coord_dims=2,
                                    hidden_dims=8).double()
    seq = torch.randn(3, 10, 5, 2, dtype=torch.float64)
    m_inv, c, g, tau, vel = module.estimate_terms(seq)
    torch.testing.assert_close(m_inv, m_inv.transpose(-1, -2), atol=0,
                               rtol=0)
    torch.testing.assert_close(c, c.transpose(-1, -2), atol=0, rtol=0)
    fused, phys, finite = module(seq)
    ref = torch.einsum('ntij,nj->nti', m_inv, tau) - torch.einsum(
        'ntij,ntj->nti', c, vel) - g
    torch.testing.assert_close(phys, ref.reshape(seq.shape))
    gate = torch.sigmoid(module.gate).reshape(5, 2)
    torch.testing.assert_close(fused, gate * finite + (1 - gate) * phys)


def test_acceleration_loss_trains_the_estimators():
    torch.manual_seed(0)
    module = LagrangianAcceleration(num_joints=3, coord_dims=2,
                                    hidden_dims=16)
    seq, _, _ = free_fall(16)
    seq = seq.float().expand(4, 16, 3, 2) + 0.01 * torch.randn(4, 16, 3, 2)
    opt = torch.optim.Adam(module.parameters(), 1e-2)
    first = None
    for _ in range(60):
        _, phys, finite = module(seq)
        loss = module.loss(phys, finite)
        first = first if first is not None else loss.item()
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.1 * first
