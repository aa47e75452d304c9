"""Physics-driven Acceleration Modeling (FineTec, Eqs. 4-13 and 16)."""
from typing import List, Optional, Tuple, Union

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
    return upper.index_select(-1, symmetric_index(dims,
                                                  upper.device)).unflatten(
                                                      -1, (dims, dims))


class SymmetricLinear(nn.Linear):
    """A linear layer predicting the upper triangle of a symmetric
    ``(dims, dims)`` matrix followed by the symmetry operation ``S^dagger``
    (Eqs. 10-11).

    The parameters are those of the upper triangle; every method expands the
    weight and bias rows to the full matrix (a gather, exact in floating
    point) instead of gathering activations.

    Args:
        in_features (int): Size of each input sample.
        dims (int): Size ``D`` of the predicted matrix.
    """

    def __init__(self, in_features: int, dims: int) -> None:
        super().__init__(in_features, dims * (dims + 1) // 2)
        self.dims = dims
        self.register_buffer(
            'position', symmetric_index(dims), persistent=False)

    def full_parameters(self) -> Tuple[torch.Tensor, torch.Tensor]:
        """The weight ``(D, D, in_features)`` and bias ``(D, D)`` of the
        full matrix, symmetric in their first two dimensions."""
        dims = (self.dims, self.dims)
        return (self.weight.index_select(0, self.position).unflatten(0, dims),
                self.bias.index_select(0, self.position).unflatten(0, dims))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The explicit matrices, symmetric bit for bit: half of the product
        is added to its transpose, so no rounding-level asymmetry of the
        blocked product survives.

        Args:
            x (torch.Tensor): Features of shape ``(..., in_features)``.

        Returns:
            torch.Tensor: Matrices of shape ``(..., D, D)``.
        """
        weight, bias = self.full_parameters()
        half = nn.functional.linear(x, 0.5 * weight.flatten(0, 1),
                                    0.5 * bias.flatten()).unflatten(
                                        -1, (self.dims, self.dims))
        return half + half.transpose(-1, -2)

    def matvec(self, x: torch.Tensor, vec: torch.Tensor) -> torch.Tensor:
        """``forward(x) @ vec`` with one vector per matrix, computed as
        ``vec @ forward(x)`` (the same by symmetry, and the faster batched
        product) with the bias term apart.

        Args:
            x (torch.Tensor): Features of shape ``(..., in_features)``.
            vec (torch.Tensor): Vectors of shape ``(..., D)``.

        Returns:
            torch.Tensor: Products of shape ``(..., D)``.
        """
        weight, bias = self.full_parameters()
        mat = nn.functional.linear(x, weight.flatten(0, 1)).unflatten(
            -1, (self.dims, self.dims))
        return (vec.unsqueeze(-2) @ mat).squeeze(-2) + nn.functional.linear(
            vec, bias)

    def matvec_shared(self, x: torch.Tensor,
                      vec: torch.Tensor) -> torch.Tensor:
        """``forward(x[n, t]) @ vec[n]`` with one vector per sequence: the
        full weight and bias are contracted with ``vec`` once per sequence,
        ``A_n[i, k] = sum_j W[(i, j), k] vec[n, j]`` (a product over the
        first index ``j``, the same by symmetry), then one batched product
        with the features; no matrix is built.

        Args:
            x (torch.Tensor): Features of shape ``(N, T, in_features)``.
            vec (torch.Tensor): Vectors of shape ``(N, D)``.

        Returns:
            torch.Tensor: Products of shape ``(N, T, D)``.
        """
        weight, bias = self.full_parameters()
        contracted = (vec @ weight.flatten(1)).unflatten(1, weight.shape[1:])
        return torch.baddbmm((vec @ bias).unsqueeze(1), x,
                             contracted.transpose(1, 2))


def _mlp(in_dims: int, hidden: int, out: nn.Module) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(in_dims, hidden), nn.ReLU(inplace=True), out)


def _hidden_over_time(mlp: nn.Sequential, *inputs:
                      torch.Tensor) -> torch.Tensor:
    """The hidden features ``relu(mlp[0](cat(inputs, -1)))`` of an
    estimator whose inputs are per sequence ``(N, C)`` (broadcast over time)
    or per frame ``(N, T, C)``: the per-sequence inputs meet their columns of
    the first layer once per sequence instead of once per frame."""
    layer = mlp[0]
    weights = layer.weight.split([x.shape[-1] for x in inputs], 1)
    per_seq, per_frame = layer.bias, 0
    for x, weight in zip(inputs, weights):
        if x.dim() == 2:
            per_seq = per_seq + nn.functional.linear(x, weight)
        else:
            per_frame = per_frame + nn.functional.linear(x, weight)
    return torch.relu(per_frame + per_seq.unsqueeze(1))


@MODELS.register_module()
class LagrangianAcceleration(BaseModule):
    """Estimate joint accelerations from positions with Lagrangian dynamics.

    With ``M^ = M^-1``, ``C^ = M^-1 C`` and ``g^ = M^-1 g`` estimated by
    networks (Eq. 5), the physics acceleration of Eq. 12 is
    ``S''_t = M^_t tau - C^_t v_t - g^_t``: local features ``s_t`` and a
    global ``s^(g)`` (mean over time) of positions and of velocities
    (Eqs. 6-7) feed ``E_g`` (Eq. 8), ``E_tau`` (per sequence, Eq. 9),
    ``E_C`` and ``E_M`` (upper triangles, symmetrised by ``S^dagger``,
    Eqs. 10-11). Eq. 12 writes the velocity *feature* after ``C^``; the
    dimensions only agree with the velocity itself, ``v_t``, which we use.
    As ``tau`` is constant over time, ``forward`` never builds ``M^_t``: the
    last layer of ``E_M`` is contracted with ``tau`` once per sequence (see
    ``SymmetricLinear.matvec_shared``).

    The fused acceleration (Eq. 13) is a per-coordinate learned gate between
    the finite difference ``a^`` and ``S''``:
    ``a = sigmoid(gamma) a^ + (1 - sigmoid(gamma)) S''``, the gate starting
    at ``sigmoid(gate_init)``, 0.88 on the finite difference by default
    (Eq. 13 leaves the fusion open). ``L_Ac`` (Eq. 16) is the MSE between
    the fused acceleration ``a`` and the pseudo acceleration ``a^`` (see
    ``loss``).
    By default ``L_Ac`` is Eq. 16 as written: its gradient reaches the
    estimators, the gate and ``a^``. As ``a - a^ = (1 - gate) (S'' - a^)``,
    its gradient on the gate only ever pushes the gate to ``a^`` (the
    physics term off), whatever the task; ``loss_trains_gate=False`` holds
    the gate and ``a^`` fixed in ``L_Ac`` so that only the classification
    loss moves the gate. Measured on MSR Action3D (16 frames, 3 seeds,
    configs/finetec/README.md): level at every corruption level (75%
    dropped: 0.540 +- 0.030 as written, 0.526 +- 0.024 held fixed), so the
    paper's form is the default. In both, 30 epochs leave the gate at
    0.877: ``gate_init`` in effect sets the share of ``S''``; starting it
    at 0.5 (``gate_init=0``, held fixed) was level too (0.535 +- 0.011).

    Args:
        num_joints (int): Number of joints ``V``.
        coord_dims (int): Coordinates per joint; ``D = V * coord_dims``.
            Defaults to 2.
        hidden_dims (int): Width of the feature and estimator networks.
            Defaults to 64.
        dt (float): Frame interval of the finite differences.
            Defaults to 1.0.
        loss_trains_gate (bool): Let ``L_Ac`` reach the gate and ``a^``
            (Eq. 16 as written). Defaults to True.
        gate_init (float): Initial gate logit ``gamma``. Defaults to 2.0.
        init_cfg (dict or list[dict], optional): Initialization config.
            Defaults to None.
    """

    def __init__(self,
                 num_joints: int,
                 coord_dims: int = 2,
                 hidden_dims: int = 64,
                 dt: float = 1.0,
                 loss_trains_gate: bool = True,
                 gate_init: float = 2.0,
                 init_cfg: Optional[Union[dict, List[dict]]] = None) -> None:
        super().__init__(init_cfg)
        self.dims = dims = num_joints * coord_dims
        self.dt, self.loss_trains_gate = dt, loss_trains_gate
        h = hidden_dims
        self.pos_local = _mlp(dims, h, nn.Linear(h, h))
        self.pos_global = _mlp(dims, h, nn.Linear(h, h))
        self.vel_local = _mlp(dims, h, nn.Linear(h, h))
        self.vel_global = _mlp(dims, h, nn.Linear(h, h))
        self.est_g = _mlp(2 * h, h, nn.Linear(h, dims))
        self.est_tau = _mlp(2 * h, h, nn.Linear(h, dims))
        self.est_c = _mlp(4 * h, h, SymmetricLinear(h, dims))
        self.est_m = _mlp(2 * h, h, SymmetricLinear(h, dims))
        self.gate = nn.Parameter(torch.full((dims, ), float(gate_init)))

    def _hidden(self, seq: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        """The hidden features of ``E_M`` and ``E_C`` (the inputs of their
        ``SymmetricLinear``), ``g^``, ``tau`` and the velocity."""
        n, t = seq.shape[:2]
        pos = seq.reshape(n, t, -1)
        vel = central_velocity(pos, self.dt)
        s_t, v_t = self.pos_local(pos), self.vel_local(vel)
        s_g, v_g = self.pos_global(pos).mean(1), self.vel_global(vel).mean(1)
        g = self.est_g[-1](_hidden_over_time(self.est_g, s_g, s_t))
        tau = self.est_tau(torch.cat([s_g, v_g], -1))
        h_c = _hidden_over_time(self.est_c, s_g, s_t, v_g, v_t)
        h_m = _hidden_over_time(self.est_m, s_g, s_t)
        return h_m, h_c, g, tau, vel

    def estimate_terms(self, seq: torch.Tensor) -> Tuple[torch.Tensor, ...]:
        """The terms of Eq. 12 with explicit matrices, for inspection
        (``forward`` does not build ``M^``).

        Args:
            seq (torch.Tensor): Positions of shape ``(N, T, V, coord_dims)``.

        Returns:
            tuple[torch.Tensor]: ``M^`` and ``C^`` of shape ``(N, T, D, D)``
            (symmetric bit for bit), ``g^`` ``(N, T, D)``, ``tau`` ``(N, D)``
            and the velocity ``v`` ``(N, T, D)``.
        """
        h_m, h_c, g, tau, vel = self._hidden(seq)
        return self.est_m[-1](h_m), self.est_c[-1](h_c), g, tau, vel

    def forward(
            self, seq: torch.Tensor
    ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Fuse the physics and finite-difference accelerations (Eqs. 12-13).

        Args:
            seq (torch.Tensor): Positions of shape ``(N, T, V, coord_dims)``.

        Returns:
            tuple[torch.Tensor]: The fused acceleration ``a`` (Eq. 13), the
            physics estimate ``S''`` (Eq. 12) and the pseudo acceleration
            ``a^``, each of shape ``(N, T, V, coord_dims)``.
        """
        h_m, h_c, g, tau, vel = self._hidden(seq)
        phys = (self.est_m[-1].matvec_shared(h_m, tau) -
                self.est_c[-1].matvec(h_c, vel) - g).reshape(seq.shape)
        finite = second_difference(seq, self.dt)
        gate = torch.sigmoid(self.gate).reshape(seq.shape[2:])
        return gate * finite + (1 - gate) * phys, phys, finite

    def loss(self, phys: torch.Tensor, finite: torch.Tensor) -> torch.Tensor:
        """``L_Ac`` of Eq. 16: ``MSE(a^, a)`` with ``a`` fused from ``phys``
        and ``finite`` by the gate (held fixed, no gradient reaching the
        gate or ``a^``, when not ``loss_trains_gate``); over sequences of
        equal size stacked along the batch, the mean of their per-sequence
        terms.

        Args:
            phys (torch.Tensor): The physics acceleration ``S''`` (Eq. 12),
                the second output of ``forward``.
            finite (torch.Tensor): The pseudo acceleration ``a^``, shaped
                like ``phys``.

        Returns:
            torch.Tensor: The scalar loss.
        """
        gate = torch.sigmoid(self.gate).reshape(phys.shape[2:])
        if not self.loss_trains_gate:
            finite, gate = finite.detach(), gate.detach()
        fused = gate * finite + (1 - gate) * phys
        return nn.functional.mse_loss(fused, finite)
