"""The coarse/fine head: fine evidence pooled into the coarse prediction
as a product of experts, both losses, predictions at both levels, clear
errors on a missing hierarchy or labels that contradict it."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from mmaction.structures import ActionDataSample
from mmfine.models.utils import CoarseFineHead, group_logsumexp

MAPPING = [0, 0, 1, 1, 2, 2]  # 6 fine classes in 3 coarse ones


def samples(coarse, fine):
    out = []
    for c, f in zip(coarse, fine):
        sample = ActionDataSample().set_gt_label(torch.tensor([c]))
        sample.set_metainfo(dict(fine_label=f))
        out.append(sample)
    return out


def mapped_head(num_fine_classes):
    """A seeded head with MAPPING and no dropout."""
    torch.manual_seed(0)
    return CoarseFineHead(
        num_classes=3,
        in_channels=8,
        num_fine_classes=num_fine_classes,
        fine_to_coarse=MAPPING,
        dropout_ratio=0)


def test_group_logsumexp_against_numpy():
    logits = torch.randn(5, 7, dtype=torch.float64)
    group_of = torch.tensor([2, 0, -1, 0, 2, 1, -1])
    got = group_logsumexp(logits, group_of, 4).numpy()
    x = logits.numpy()
    for g in range(3):
        members = [i for i, k in enumerate(group_of.tolist()) if k == g]
        expected = np.log(np.exp(x[:, members]).sum(1))
        np.testing.assert_allclose(got[:, g], expected, rtol=1e-12)
    assert np.isneginf(got[:, 3]).all()  # a group without classes


@pytest.mark.parametrize('dtype, gap', [(torch.float32, 120.0),
                                        (torch.float16, 20.0)])
def test_group_logsumexp_keeps_far_groups_finite(dtype, gap):
    """A group far below the best one keeps a finite log-sum-exp and
    gradient (a single global maximum underflows it to -inf)."""
    logits = torch.tensor([[0.0, -gap, -gap - 1]], dtype=dtype,
                          requires_grad=True)
    got = group_logsumexp(logits, torch.tensor([0, 1, 1]), 2)
    expected = torch.logsumexp(logits.detach().double()[:, 1:], 1)
    assert torch.isfinite(got).all()
    assert float(got[0, 1]) == pytest.approx(float(expected), rel=1e-3)
    got.sum().backward()
    assert torch.isfinite(logits.grad).all()


def test_coarse_prediction_is_the_product_of_both_experts():
    head = mapped_head(8)
    x = torch.randn(4, 8, 2, 3, 3)
    coarse, fine = head(x)
    pooled = x.mean((2, 3, 4))
    coarse_branch = (pooled @ head.fc_coarse.weight.T +
                     head.fc_coarse.bias).softmax(1)
    fine_probs = (pooled @ head.fc_fine.weight.T +
                  head.fc_fine.bias)[:, :6].softmax(1)
    marginal = fine_probs.reshape(4, 3, 2).sum(2)
    expected = coarse_branch * marginal
    expected = expected / expected.sum(1, keepdim=True)
    assert torch.allclose(coarse.softmax(1), expected, atol=1e-6)
    # the two unused fine units never win and carry no probability
    assert torch.isneginf(fine[:, 6:]).all()


def test_losses_train_both_branches_and_predictions_carry_both_levels():
    head = mapped_head(6)
    x = torch.randn(3, 8, 2, 3, 3)
    data = samples([0, 1, 2], [1, 2, 5])
    losses = head.loss(x, data)
    coarse, fine = head(x)
    assert torch.allclose(losses['loss_cls'],
                          F.cross_entropy(coarse, torch.tensor([0, 1, 2])))
    assert torch.allclose(losses['loss_fine'],
                          F.cross_entropy(fine, torch.tensor([1, 2, 5])))
    (losses['loss_cls'] + losses['loss_fine']).backward()
    assert head.fc_coarse.weight.grad.abs().sum() > 0
    assert head.fc_fine.weight.grad.abs().sum() > 0
    # two clips per sample: both levels averaged as probabilities
    clips = torch.randn(6, 8, 2, 3, 3)
    out = head.predict(clips, samples([0, 1, 2], [1, 2, 5]))
    c, f = head(clips)
    for i, sample in enumerate(out):
        assert torch.allclose(sample.pred_score,
                              c[2 * i:2 * i + 2].softmax(1).mean(0))
        assert torch.allclose(sample.pred_fine_score,
                              f[2 * i:2 * i + 2].softmax(1).mean(0))


def test_segments_of_2d_recognizers_are_averaged():
    head = mapped_head(6)
    frames = torch.randn(2 * 4, 8, 3, 3)  # 2 samples x 4 segments
    coarse, fine = head(frames, num_segs=4)
    per_sample = frames.mean((2, 3)).reshape(2, 4, 8).mean(1)
    assert torch.allclose(fine, head.fc_fine(per_sample), atol=1e-6)
    expected = head.fc_coarse(per_sample) + group_logsumexp(
        fine, head.fine_to_coarse, 3)
    assert torch.allclose(coarse, expected, atol=1e-6)


def test_bad_hierarchies_and_labels_are_named():
    with pytest.raises(ValueError, match=r'coarse classes \[2\] have no fine'):
        CoarseFineHead(3, 8, 6, fine_to_coarse=[0, 0, 1, 1])
    with pytest.raises(ValueError, match='outside 0..2'):
        CoarseFineHead(3, 8, 6, fine_to_coarse=[0, 1, 2, 3])
    with pytest.raises(ValueError, match='at most'):
        CoarseFineHead(3, 8, 4, fine_to_coarse=MAPPING)
    with pytest.raises(ValueError, match='at least num_classes'):
        CoarseFineHead(3, 8, 2)
    unset = CoarseFineHead(3, 8, 6)
    with pytest.raises(RuntimeError, match='FineToCoarseHook'):
        unset(torch.randn(1, 8, 1, 1, 1))
    head = CoarseFineHead(3, 8, 6, fine_to_coarse=MAPPING)
    x = torch.randn(2, 8, 1, 1, 1)
    with pytest.raises(ValueError, match=r'\(3, 0\)'):  # fine 3 is coarse 1
        head.loss(x, samples([0, 0], [0, 3]))
    with pytest.raises(ValueError, match=r'\(9, 2\)'):
        head.loss(x, samples([2, 2], [4, 9]))
    with pytest.raises(ValueError, match=r'have none \(-1\)'):
        head.loss(x, samples([0, 0], [0, -1]))
    plain = [ActionDataSample().set_gt_label(torch.tensor([0]))]
    with pytest.raises(KeyError, match='fine_label'):
        head.loss(x[:1], plain)


def test_the_hierarchy_is_saved_with_the_weights():
    head = CoarseFineHead(3, 8, 7, fine_to_coarse=MAPPING)
    fresh = CoarseFineHead(3, 8, 7)
    fresh.load_state_dict(head.state_dict())
    assert fresh.fine_to_coarse.tolist() == MAPPING + [-1]
