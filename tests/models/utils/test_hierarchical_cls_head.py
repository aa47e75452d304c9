"""The hierarchical head: coarse probabilities are the sums of their fine
classes' probabilities, both losses train, predictions carry both levels,
any backbone layout pools."""
import pytest
import torch
import torch.nn.functional as F

from mmaction.structures import ActionDataSample
from mmfine.models.utils import HierarchicalClsHead


def samples(labels):
    return [
        ActionDataSample().set_gt_label(torch.tensor([label]))
        for label in labels
    ]


def test_body_is_the_marginal_of_the_actions():
    torch.manual_seed(0)
    head = HierarchicalClsHead(in_channels=8, dropout_ratio=0)
    logits = torch.randn(4, 52)
    body = head.body_logits(logits).softmax(1)
    probs = logits.softmax(1)
    # MA-52 ranges: 0-4, 5-10, 11-23, 24-31, 32-37, 38-47, 48-51
    ranges = [(0, 5), (5, 11), (11, 24), (24, 32), (32, 38), (38, 48),
              (48, 52)]
    expected = torch.stack([probs[:, a:b].sum(1) for a, b in ranges], 1)
    assert torch.allclose(body, expected, atol=1e-6)


def test_losses_and_predictions_on_video_and_skeleton_layouts():
    torch.manual_seed(0)
    head = HierarchicalClsHead(in_channels=8, dropout_ratio=0,
                               average_clips='prob')
    video = torch.randn(3, 8, 2, 4, 4)  # (N, C, T, H, W)
    labels = [3, 20, 50]
    losses = head.loss(video, samples(labels))
    assert {'loss_cls', 'loss_body', 'body_top1_acc'} <= set(losses)
    logits = head(video)
    body_targets = torch.tensor([0, 2, 6])
    assert torch.allclose(
        losses['loss_body'],
        F.cross_entropy(head.body_logits(logits), body_targets))
    (losses['loss_cls'] + losses['loss_body']).backward()
    assert head.fc_cls.weight.grad.abs().sum() > 0
    out = head.predict(video, samples(labels))
    for sample in out:
        assert sample.pred_score.shape == (52, )
        assert torch.allclose(sample.pred_body_score.sum(), torch.tensor(1.))
        # the body probability is the marginal of the action probability
        starts = [0, 5, 11, 24, 32, 38, 48, 52]
        marginal = torch.stack([
            sample.pred_score[a:b].sum() for a, b in zip(starts, starts[1:])
        ])
        assert torch.allclose(sample.pred_body_score, marginal, atol=1e-6)
    skeleton = HierarchicalClsHead(in_channels=8, channel_dim=2)
    assert skeleton(torch.randn(2, 2, 8, 5, 17)).shape == (2, 52)
    # a 2D recognizer's N * num_segs frames: segment features averaged
    frames = torch.randn(2 * 3, 8, 4, 4)
    per_video = frames.mean((2, 3)).reshape(2, 3, 8).mean(1)
    assert torch.allclose(
        head(frames, num_segs=3), head.fc_cls(per_video), atol=1e-6)


def test_bad_settings_and_inputs():
    with pytest.raises(ValueError, match='group_starts'):
        HierarchicalClsHead(in_channels=8, num_classes=10,
                            group_starts=[0, 5, 12])
    with pytest.raises(ValueError, match='8 channels on axis 1'):
        HierarchicalClsHead(in_channels=8)(torch.randn(2, 4, 3))
