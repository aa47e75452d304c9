import pytest

from mmfine.models import tube_token_masks


def test_tube_masks_keep_int_lambda_tokens():
    masks = tube_token_masks(3, 16, 0.55)
    assert [int(m.sum()) for m in masks] == [8, 8, 8]


def test_mix_loss_regresses_raw_logits():
    """By hand: logits (2, -1) against (1, 0) -> (1 + 1) / 2 = 1, weight
    0.5; logits (0, 0) against (0.5, 0.5) -> 0.25, weight 1; mean 0.375.
    On softmax(logits) the first term would be far smaller."""
    import torch

    from mmfine.models.sefar.tube_token_mix import mix_loss
    logits = torch.tensor([[2.0, -1.0], [0.0, 0.0]], requires_grad=True)
    target = torch.tensor([[1.0, 0.0], [0.5, 0.5]])
    loss = mix_loss(logits, target, torch.tensor([0.5, 1.0]))
    assert loss.item() == pytest.approx((0.5 * 1.0 + 1.0 * 0.25) / 2)
    loss.backward()
    # d/dlogit of 0.5 * mean((l - t)^2) / 2 for the first row: (l - t) / 4
    assert torch.allclose(logits.grad[0], torch.tensor([0.25, -0.25]))


def test_mix_loss_on_probabilities_as_an_option():
    """By hand: softmax(2, -1) = (0.9526, 0.0474) against (1, 0) ->
    mean((0.0474^2, 0.0474^2)) = 0.00225, weight 0.5; softmax(0, 0) =
    (0.5, 0.5) against itself -> 0; its gradient is far below the
    logits' (0.25 per logit above)."""
    import math

    import torch

    from mmfine.models.sefar.tube_token_mix import mix_loss
    logits = torch.tensor([[2.0, -1.0], [0.0, 0.0]], requires_grad=True)
    target = torch.tensor([[1.0, 0.0], [0.5, 0.5]])
    loss = mix_loss(logits, target, torch.tensor([0.5, 1.0]), 'probs')
    off = 1 - math.exp(2) / (math.exp(2) + math.exp(-1))
    assert loss.item() == pytest.approx(0.5 * off**2 / 2, rel=1e-5)
    loss.backward()
    assert logits.grad.abs().max() < 0.25 / 10
    with pytest.raises(ValueError, match="'logits' or 'probs'"):
        mix_loss(logits, target, torch.ones(2), 'softmax')
