"""Physics-driven Acceleration Modeling (FineTec, Eqs. 4-13 and 16)."""
from typing import Tuple

import torch
from mmengine.model import BaseModule
from torch import nn

from mmaction.registry import MODELS


def central_velocity(seq: torch.Tensor, dt: float = 1.0) -> torch.Tensor:
    """``v_t = (S_{t+1} - S_{t-1}) / (2 dt)`` along dim 1, one-sided
    differences at both ends (exact for linear motion)."""
    if seq.shape[1] < 2:
        raise ValueError('velocity needs at least 2 frames')
    inner = (seq[:, 2:] - seq[:, :-2]) / (2 * dt)
    first = (seq[:, 1:2] - seq[:, :1]) / dt
    last = (seq[:, -1:] - seq[:, -2:-1]) / dt
    return torch.cat([first, inner, last], 1)


def second_difference(seq: torch.Tensor, dt: float = 1.0) -> torch.Tensor:
    """Pseudo-acceleration ``(S_{t+1} - 2 S_t + S_{t-1}) / dt^2`` along dim
    1; the end frames repeat their neighbour's value (exact for constant
    acceleration, e.g. free fall)."""
    if seq.shape[1] < 3:
        raise ValueError('acceleration needs at least 3 frames')
    inner = (seq[:, 2:] - 2 * seq[:, 1:-1] + seq[:, :-2]) / dt**2
    return torch.cat([inner[:, :1], inner, inner[:, -1:]], 1)


def symmetric_index(dims: int, device=None) -> torch.Tensor:
    """``(dims * dims,)`` position in the upper triangle (row-major, as
    ``torch.triu_indices``) of each entry ``(i, j)`` of a symmetric
    matrix; ``(i, j)`` and ``(j, i)`` share one position."""
    rows, cols = torch.triu_indices(dims, dims, device=device)
    position = torch.empty(dims, dims, dtype=torch.long, device=device)
    entries = torch.arange(len(rows), device=device)
    position[rows, cols] = entries
    position[cols, rows] = entries
    return position.flatten()


def symmetric_from_upper(upper: torch.Tensor, dims: int) -> torch.Tensor:
    """The symmetry operation ``S^dagger`` of Eqs. 10-11: a vector of the
    ``dims * (dims + 1) / 2`` upper-triangle entries -> a symmetric
    ``(dims, dims)`` matrix (symmetric by construction)."""
    return upper.index_select(-1, symmetric_index(dims, upper.device)
                              ).unflatten(-1, (dims, dims))


class SymmetricLinear(nn.Linear):
    """A linear layer predicting the upper triangle of a ``(dims, dims)``
    matrix followed by ``S^dagger``, without gathering activations: the
    weight and bias rows are expanded to the full matrix (halved, exact in
    floating point) before the product, and the result is added to its
    transpose, which makes it symmetric bit for bit (a rounding-level
    asymmetry of the blocked product cannot survive ``A + A^T``)."""

    def __init__(self, in_features: int, dims: int) -> None:
        super().__init__(in_features, dims * (dims + 1) // 2)
        self.dims = dims
        self.register_buffer('position', symmetric_index(dims),
                             persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``(..., in_features)`` -> ``(..., dims, dims)``."""
        half = nn.functional.linear(
            x, 0.5 * self.weight.index_select(0, self.position),
            0.5 * self.bias.index_select(0, self.position)).unflatten(
                -1, (self.dims, self.dims))
        return half + half.transpose(-1, -2)


def _mlp(in_dims: int, hidden: int, out: nn.Module) -> nn.Sequential:
    return nn.Sequential(nn.Linear(in_dims, hidden), nn.ReLU(inplace=True),
                         out)


@MODELS.register_module()
class LagrangianAcceleration(BaseModule):
    """Estimate joint accelerations from positions with Lagrangian dynamics.

    With ``M^-1``, ``C^ = M^-1 C`` and ``g^ = M^-1 g`` estimated by networks
    (Eq. 5), the acceleration of Eq. 12 is
    ``S''_t = M^-1_t tau - C^_t v_t - g^_t``: local features ``s_t`` and a
    global ``s^(g)`` (mean over time) of positions and of velocities
    (Eqs. 6-7) feed ``E_g`` (Eq. 8), ``E_tau`` (per sequence, Eq. 9),
    ``E_C`` and ``E_M`` (upper triangles, symmetrised, Eqs. 10-11). Eq. 12
    writes the velocity *feature* after ``C^``; the dimensions only agree
    with the velocity itself, ``v_t``, which we use.

    The fused acceleration (Eq. 13) is a per-coordinate learned gate between
    the finite difference ``a^`` and ``S''``:
    ``a = sigmoid(gamma) a^ + (1 - sigmoid(gamma)) S''``. The gate starts at
    ``sigmoid(2) = 0.88`` on the finite difference. ``L_Ac`` (Eq. 16) is the
    MSE between the physics estimate ``S''`` and the observed pseudo
    acceleration, which teaches the estimators the dynamics.

    Args:
        num_joints, coord_dims: skeleton size; ``D = V * coord_dims``.
        hidden_dims: width of the feature and estimator networks.
        dt: frame interval of the differences.
    """

    def __init__(self, num_joints: int, coord_dims: int = 2,
                 hidden_dims: int = 64, dt: float = 1.0,
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        self.dims = dims = num_joints * coord_dims
        self.dt = dt
        h = hidden_dims
        self.pos_local = _mlp(dims, h, nn.Linear(h, h))
        self.pos_global = _mlp(dims, h, nn.Linear(h, h))
        self.vel_local = _mlp(dims, h, nn.Linear(h, h))
        self.vel_global = _mlp(dims, h, nn.Linear(h, h))
        self.est_g = _mlp(2 * h, h, nn.Linear(h, dims))
        self.est_tau = _mlp(2 * h, h, nn.Linear(h, dims))
        self.est_c = _mlp(4 * h, h, SymmetricLinear(h, dims))
        self.est_m = _mlp(2 * h, h, SymmetricLinear(h, dims))
        self.gate = nn.Parameter(torch.full((dims, ), 2.0))

    def estimate_terms(self, seq: torch.Tensor
                       ) -> Tuple[torch.Tensor, ...]:
        """The upper triangles of ``M^-1`` and ``C^`` ``(N, T, P)`` (see
        ``symmetric_from_upper``), ``g^`` ``(N, T, D)``, ``tau`` ``(N, D)``
        and the velocity ``(N, T, D)`` of ``seq`` ``(N, T, V, coord_dims)``.
        """
        n, t = seq.shape[:2]
        pos = seq.reshape(n, t, -1)
        vel = central_velocity(pos, self.dt)
        s_t, v_t = self.pos_local(pos), self.vel_local(vel)
        s_g = self.pos_global(pos).mean(1, keepdim=True).expand_as(s_t)
        v_g = self.vel_global(vel).mean(1, keepdim=True).expand_as(v_t)
        g = self.est_g(torch.cat([s_g, s_t], -1))
        tau = self.est_tau(torch.cat([s_g[:, 0], v_g[:, 0]], -1))
        c = self.est_c(torch.cat([s_g, s_t, v_g, v_t], -1))
        m_inv = self.est_m(torch.cat([s_g, s_t], -1))
        return m_inv, c, g, tau, vel

    def forward(self, seq: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """``seq`` ``(N, T, V, coord_dims)`` -> fused acceleration ``a``, the
        physics estimate ``S''`` and the finite difference ``a^``, each
        shaped like ``seq``."""
        m_inv, c, g, tau, vel = self.estimate_terms(seq)
        phys = (m_inv @ tau[:, None, :, None]).squeeze(-1) - (
            c @ vel[..., None]).squeeze(-1) - g
        phys = phys.reshape(seq.shape)
        finite = second_difference(seq, self.dt)
        gate = torch.sigmoid(self.gate).reshape(seq.shape[2:])
        return gate * finite + (1 - gate) * phys, phys, finite

    @staticmethod
    def loss(phys: torch.Tensor, finite: torch.Tensor) -> torch.Tensor:
        """One sequence's term of ``L_Ac`` (Eq. 16)."""
        return nn.functional.mse_loss(phys, finite.detach())
