"""The quality-aware graph regularisation L_R (CoFInAl Eq. 8)."""
import torch
import torch.nn.functional as F


def quality_graph_loss(prototypes: torch.Tensor,
                       eps: float = 1e-6) -> torch.Tensor:
    """``L_R = KL(arccos(G_bar^T G_bar), D)`` with ``D_ij = |i - j|``.

    The paper does not say how the two matrices become distributions. Here
    each row i of both, without its diagonal (zero in both), is divided by
    its sum: a distribution over the other grades j. This is scale-free, so
    prototypes whose pairwise angles are proportional to the grade distance
    give exactly 0, and it keeps the ordering information that a softmax
    of raw angles (radians against grade steps) would blur. The loss is
    ``mean_i KL(d_i || a_i)`` (the grade distances as the target).

    Args:
        prototypes (torch.Tensor): ``(G, D)`` grade prototypes, G >= 3 (with
            two grades each row has a single entry and L_R is 0).
        eps (float): Cosines are clipped to ``[-1 + eps, 1 - eps]`` so that
            arccos keeps a finite gradient.

    Returns:
        torch.Tensor: A scalar.
    """
    num_grades = prototypes.shape[0]
    normalised = F.normalize(prototypes, dim=-1)
    angles = torch.arccos(
        (normalised @ normalised.t()).clamp(-1 + eps, 1 - eps))
    index = torch.arange(num_grades, device=prototypes.device)
    distances = (index[:, None] - index[None, :]).abs().to(prototypes.dtype)
    off_diagonal = ~torch.eye(
        num_grades, dtype=torch.bool, device=prototypes.device)
    angles = angles[off_diagonal].view(num_grades, num_grades - 1)
    distances = distances[off_diagonal].view(num_grades, num_grades - 1)
    angle_dist = angles / angles.sum(-1, keepdim=True).clamp(min=eps)
    target = distances / distances.sum(-1, keepdim=True)
    return (target *
            (target.log() - angle_dist.clamp(min=eps).log())).sum(-1).mean()
