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
    used = group_of >= 0
    logits, group_of = logits[:, used], group_of[used]
    # each group's own maximum, so that no group underflows to -inf however
    # far below the others it lies (one global maximum would)
    index = group_of.expand(logits.shape[0], -1)
    peak = logits.new_full((logits.shape[0], num_groups),
                           float('-inf')).scatter_reduce(
                               1, index, logits.detach(), 'amax')
    peak = torch.where(torch.isfinite(peak), peak, torch.zeros_like(peak))
    summed = logits.new_zeros(logits.shape[0], num_groups).index_add(
        1, group_of, (logits - peak.gather(1, index)).exp())
    return summed.log() + peak
