import torch
from mmengine.registry import init_default_scope

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample


def test_etf_head_recognizer_trains_only_its_projection():
    init_default_scope('mmaction')
    model = MODELS.build(
        dict(
            type='Recognizer3D',
            backbone=dict(
                type='C3D',
                pretrained=None,
                style='pytorch',
                dropout_ratio=0.0,
                init_std=0.01),
            cls_head=dict(
                type='ETFHead',
                num_classes=4,
                in_channels=512,
                feat_dim=8,
                dropout_ratio=0.0)))
    head = model.cls_head
    x = torch.randn(2, 512, 1, 2, 2)
    assert head(x).shape == (2, 4)
    assert head(x).abs().max() <= 1 + 1e-6  # cosines
    frame = head.classifier.etf.clone()
    samples = [ActionDataSample().set_gt_label(i) for i in (1, 3)]
    losses = head.loss(x, samples)
    losses['loss_cls'].backward()
    assert head.projection.weight.grad is not None
    assert torch.equal(head.classifier.etf, frame)


def test_etf_head_pools_skeleton_layout():
    init_default_scope('mmaction')
    head = MODELS.build(
        dict(
            type='ETFHead',
            num_classes=3,
            in_channels=6,
            feat_dim=4,
            channel_dim=2))
    x = torch.randn(2, 2, 6, 5, 17)  # (N, M, C, T, V)
    expected = head.classifier(head.projection(x.mean((1, 3, 4))))
    assert torch.allclose(head.eval()(x), expected, atol=1e-6)
