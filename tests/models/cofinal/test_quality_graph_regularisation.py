import math

import torch

from mmfine.models.cofinal import quality_graph_loss


def arc_prototypes(num_grades, dim=8):
    """Unit prototypes on a great circle, grade i at angle i * step: the
    pairwise angles are proportional to |i - j|."""
    step = math.pi / (num_grades - 1) * 0.9
    angles = torch.arange(num_grades) * step
    protos = torch.zeros(num_grades, dim)
    protos[:, 0], protos[:, 1] = angles.cos(), angles.sin()
    return protos


def test_ordered_prototypes_beat_shuffled_ones():
    protos = arc_prototypes(5)
    ordered = quality_graph_loss(protos)
    assert ordered.item() < 1e-4
    for perm in ([2, 0, 4, 1, 3], [4, 1, 3, 0, 2], [1, 0, 2, 3, 4]):
        assert quality_graph_loss(protos[perm]).item() > ordered.item() + 1e-3


def test_loss_is_scale_free_and_has_a_gradient():
    protos = torch.randn(4, 16, requires_grad=True)
    loss = quality_graph_loss(protos)
    assert torch.allclose(loss, quality_graph_loss(3 * protos))
    loss.backward()
    assert protos.grad is not None and protos.grad.abs().sum() > 0
    assert torch.isfinite(protos.grad).all()


def test_gradient_descent_orders_random_prototypes():
    torch.manual_seed(0)
    protos = torch.randn(5, 8, requires_grad=True)
    start = quality_graph_loss(protos).item()
    optim = torch.optim.Adam([protos], lr=0.05)
    for _ in range(300):
        loss = quality_graph_loss(protos)
        optim.zero_grad()
        loss.backward()
        optim.step()
    assert loss.item() < start / 5
