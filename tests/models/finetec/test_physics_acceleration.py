import torch

from mmfine.models.finetec import (LagrangianAcceleration, central_velocity,
                                   second_difference, symmetric_from_upper)
from mmfine.models.finetec.physics_acceleration import SymmetricLinear


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
    torch.manual_seed(0)
    layer = SymmetricLinear(6, 4).double()
    x = torch.randn(3, 6, dtype=torch.float64)
    upper = torch.nn.functional.linear(x, layer.weight, layer.bias)
    torch.testing.assert_close(layer(x), symmetric_from_upper(upper, 4))


def test_symmetric_linear_products_equal_the_explicit_matrices():
    torch.manual_seed(0)
    layer = SymmetricLinear(6, 4).double()
    x = torch.randn(3, 5, 6, dtype=torch.float64)
    mats = symmetric_from_upper(
        torch.nn.functional.linear(x, layer.weight, layer.bias), 4)
    per_frame = torch.randn(3, 5, 4, dtype=torch.float64)
    torch.testing.assert_close(layer.matvec(x, per_frame),
                               torch.einsum('ntij,ntj->nti', mats, per_frame))
    per_seq = torch.randn(3, 4, dtype=torch.float64)
    torch.testing.assert_close(layer.matvec_shared(x, per_seq),
                               torch.einsum('ntij,nj->nti', mats, per_seq))


def naive_terms(module, seq):
    """Eqs. 6-11 as written: every estimator on the concatenated features,
    the time-constant ones repeated over the frames, and explicit
    matrices."""
    n, t = seq.shape[:2]
    pos = seq.reshape(n, t, -1)
    vel = central_velocity(pos, module.dt)
    s_t, v_t = module.pos_local(pos), module.vel_local(vel)
    s_g = module.pos_global(pos).mean(1, keepdim=True).expand_as(s_t)
    v_g = module.vel_global(vel).mean(1, keepdim=True).expand_as(v_t)

    def s_dagger(est, x):
        last = est[-1]
        return symmetric_from_upper(
            torch.nn.functional.linear(est[:-1](x), last.weight, last.bias),
            module.dims)

    m_inv = s_dagger(module.est_m, torch.cat([s_g, s_t], -1))
    c = s_dagger(module.est_c, torch.cat([s_g, s_t, v_g, v_t], -1))
    g = module.est_g(torch.cat([s_g, s_t], -1))
    tau = module.est_tau(torch.cat([s_g[:, 0], v_g[:, 0]], -1))
    return m_inv, c, g, tau, vel


def test_estimated_matrices_are_symmetric_and_acceleration_follows_eq12():
    torch.manual_seed(0)
    module = LagrangianAcceleration(num_joints=5, coord_dims=2,
                                    hidden_dims=8).double()
    seq = torch.randn(3, 10, 5, 2, dtype=torch.float64)
    terms = module.estimate_terms(seq)
    m_inv, c, g, tau, vel = terms
    torch.testing.assert_close(m_inv, m_inv.transpose(-1, -2), atol=0,
                               rtol=0)
    torch.testing.assert_close(c, c.transpose(-1, -2), atol=0, rtol=0)
    for term, naive in zip(terms, naive_terms(module, seq)):
        torch.testing.assert_close(term, naive)
    fused, phys, finite = module(seq)
    ref = torch.einsum('ntij,nj->nti', m_inv, tau) - torch.einsum(
        'ntij,ntj->nti', c, vel) - g
    torch.testing.assert_close(phys, ref.reshape(seq.shape))
    gate = torch.sigmoid(module.gate).reshape(5, 2)
    torch.testing.assert_close(fused, gate * finite + (1 - gate) * phys)


def test_acceleration_loss_is_eq16_on_a_hand_built_case():
    """Zero ``M^`` and ``C^`` and a constant ``g^`` make ``S'' = -g^``; a
    quadratic motion makes ``a^`` its constant acceleration, so
    ``L_Ac = mean(((1 - gate) (S'' - a^))^2)`` is known by hand."""
    module = LagrangianAcceleration(num_joints=2, coord_dims=2,
                                    hidden_dims=4).double()
    gate = torch.tensor([0.5, 0.75, 0.25, 0.9], dtype=torch.float64)
    g_hat = torch.tensor([1.0, -2.0, 0.5, 0.0], dtype=torch.float64)
    acc = torch.tensor([0.2, -0.4, 0.0, 0.1], dtype=torch.float64)
    with torch.no_grad():
        module.gate.copy_(torch.log(gate / (1 - gate)))
        for est in (module.est_m, module.est_c, module.est_g):
            est[-1].weight.zero_()
            est[-1].bias.zero_()
        module.est_g[-1].bias.copy_(g_hat)
    t = torch.arange(6, dtype=torch.float64)[None, :, None]
    seq = (0.3 + 0.1 * t + 0.5 * acc * t**2).reshape(1, 6, 2, 2)
    fused, phys, finite = module(seq)
    torch.testing.assert_close(phys, -g_hat.reshape(2, 2).expand_as(phys))
    torch.testing.assert_close(finite, acc.reshape(2, 2).expand_as(finite))
    # (1 - gate) (-g^ - acc) = (-0.6, 0.6, -0.375, -0.01)
    expected = (0.36 + 0.36 + 0.140625 + 0.0001) / 4
    torch.testing.assert_close(module.loss(phys, finite),
                               torch.tensor(expected, dtype=torch.float64))


def test_held_gate_acceleration_loss_reaches_every_estimator_not_the_gate():
    """``loss_trains_gate=False``: through the gate, Eq. 16 could only
    switch the physics term off (``a - a^ = (1 - gate)(S'' - a^)``), so the
    gate gets no gradient; every estimator does."""
    torch.manual_seed(0)
    module = LagrangianAcceleration(num_joints=5, coord_dims=2,
                                    hidden_dims=8, loss_trains_gate=False)
    _, phys, finite = module(torch.randn(4, 10, 5, 2))
    module.loss(phys, finite).backward()
    assert module.gate.grad is None
    for name, param in module.named_parameters():
        if name == 'gate':
            continue
        assert param.grad is not None, name
        assert torch.isfinite(param.grad).all(), name
        assert param.grad.abs().sum() > 0, name


def test_eq16_as_written_trains_the_gate_towards_the_finite_difference():
    """Eq. 16 as written (the default): the gate's gradient is the analytic
    one, ``d/dgamma mean(((1 - s)(S'' - a^))^2) = -2 s (1 - s)^2 (S'' - a^)^2 /
    n`` per coordinate (s = sigmoid(gamma)), negative wherever the two
    differ: gradient descent moves the gate onto ``a^``."""
    torch.manual_seed(0)
    module = LagrangianAcceleration(num_joints=3, coord_dims=2,
                                    hidden_dims=8).double()
    seq = torch.randn(2, 7, 3, 2, dtype=torch.float64, requires_grad=True)
    _, phys, finite = module(seq)
    module.loss(phys, finite).backward()
    s = torch.sigmoid(module.gate.detach())
    diff2 = ((phys - finite).detach()**2).reshape(-1, 6)
    expected = -2 * s * (1 - s)**2 * diff2.sum(0) / diff2.numel()
    torch.testing.assert_close(module.gate.grad, expected)
    assert (module.gate.grad < 0).all()
    # held fixed: the same value, but no gradient to the gate, and the
    # input's gradient lacks the path through a^ (the estimators' remains)
    held = LagrangianAcceleration(num_joints=3, coord_dims=2, hidden_dims=8,
                                  loss_trains_gate=False).double()
    held.load_state_dict(module.state_dict())
    seq_held = seq.detach().clone().requires_grad_()
    _, phys2, finite2 = held(seq_held)
    loss = held.loss(phys2, finite2)
    torch.testing.assert_close(loss, module.loss(phys, finite))
    loss.backward()
    assert held.gate.grad is None
    finite_path = torch.autograd.grad(
        module.loss(phys.detach(), second_difference(seq, 1.0)), seq)[0]
    torch.testing.assert_close(seq.grad - seq_held.grad, finite_path)
    assert finite_path.abs().sum() > 0


def test_acceleration_loss_trains_the_estimators():
    """Minimising ``L_Ac`` of the fused acceleration (Eq. 16) also teaches
    the physics estimate the motion, not only the gate."""
    torch.manual_seed(0)
    module = LagrangianAcceleration(num_joints=3, coord_dims=2,
                                    hidden_dims=16)
    seq, _, _ = free_fall(16)
    seq = seq.float().expand(4, 16, 3, 2) + 0.01 * torch.randn(4, 16, 3, 2)
    opt = torch.optim.Adam(module.parameters(), 1e-2)
    losses, phys_errors = [], []
    for _ in range(60):
        fused, phys, finite = module(seq)
        loss = module.loss(phys, finite)
        losses.append(loss.item())
        phys_errors.append(torch.nn.functional.mse_loss(phys, finite).item())
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert losses[-1] < 0.1 * losses[0]
    assert phys_errors[-1] < 0.1 * phys_errors[0]
