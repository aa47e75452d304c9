"""Pooling fine-class logits into their coarse classes."""
import torch


def group_logsumexp(logits: torch.Tensor, group_of: torch.Tensor,
                    num_groups: int) -> torch.Tensor:
    """``(N, num_groups)``: the log-sum-exp of each group's logits, so that
    ``softmax`` of the result is the summed softmax probability of each
    group's classes (the coarse marginal of a fine prediction).

    Args:
        logits (Tensor): ``(N, num_fine)``.
        group_of (Tensor): ``(num_fine,)`` long, the group of each fine
            class; -1 leaves a class out (e.g. an output unit no class of
            the training set uses).
        num_groups (int): Groups; one without any class gets ``-inf``.
    """
    groups = torch.arange(num_groups, device=group_of.device)
    member = group_of[None] == groups[:, None]  # (num_groups, num_fine)
    # torch.logsumexp shifts each group by its own maximum, so no group
    # underflows to -inf however far below the others it lies
    return torch.logsumexp(
        logits[:, None].masked_fill(~member, float('-inf')), -1)
