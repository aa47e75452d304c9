import math

import pytest
import torch
from mmengine.logging import MessageHub

from mmaction.structures import ActionDataSample
from mmfine.datasets.transforms import element_segments
from mmfine.models import (MultiGranularFusionHead, MultiGranularTimeSformer,
                           SeFARRecognizer, adaptive_regulation,
                           load_vit_weights, tube_token_masks)

TINY = dict(embed_dims=32, depth=2, num_heads=2)


def backbone(**kwargs):
    torch.manual_seed(0)
    return MultiGranularTimeSformer(arch=TINY, img_size=16, patch_size=8,
                                    **kwargs)


def test_adaptive_regulation_matches_the_formula():
    probs = torch.tensor([[[0.7, 0.2, 0.1], [0.3, 0.3, 0.4]],
                          [[0.5, 0.4, 0.1], [0.1, 0.2, 0.7]],
                          [[0.9, 0.05, 0.05], [0.2, 0.2, 0.6]]])
    out = adaptive_regulation(probs)
    for b in range(2):
        mean = [sum(probs[u, b, c].item() for u in range(3)) / 3
                for c in range(3)]
        c = max(range(3), key=lambda k: mean[k])
        values = [probs[u, b, c].item() for u in range(3)]
        sigma = math.sqrt(sum((v - mean[c])**2 for v in values) / 2)
        eta1 = 2 / (1 + math.exp(-(math.exp(mean[c]) - math.e)))
        eta2 = 2 * (1 / (1 + math.exp(-1 / (20 * sigma + 1e-9))) - 0.5)
        assert out['label'][b] == c
        assert out['mu'][b].item() == pytest.approx(mean[c])
        assert out['sigma'][b].item() == pytest.approx(sigma, rel=1e-5)
        assert out['weight'][b].item() == pytest.approx(eta1 * eta2,
                                                        rel=1e-5)


def test_weight_is_one_for_certain_and_stable_predictions():
    probs = torch.zeros(10, 1, 4)
    probs[..., 2] = 1
    assert adaptive_regulation(probs)['weight'].item() == pytest.approx(1.0)


def test_tube_masks_keep_int_lambda_tokens():
    masks = tube_token_masks(3, 16, 0.55)
    assert [int(m.sum()) for m in masks] == [8, 8, 8]


def test_backbone_elements_and_token_mix():
    net = backbone().eval()
    x = torch.randn(2, 3, 8, 16, 16)
    feats = net(x)
    assert feats.shape == (2, 3, 32)
    keep_all = [torch.ones(4, dtype=torch.bool)] * 3
    swap_all = [torch.zeros(4, dtype=torch.bool)] * 3
    index = torch.tensor([1, 0])
    torch.testing.assert_close(net(x, token_mix=(keep_all, index)), feats)
    torch.testing.assert_close(net(x, token_mix=(swap_all, index)),
                               feats[index])
    with pytest.raises(ValueError, match='elements'):
        net(torch.randn(2, 3, 6, 16, 16))


def test_elements_are_encoded_independently():
    net = backbone().eval()
    x = torch.randn(1, 3, 8, 16, 16)
    y = x.clone()
    context = element_segments([2, 2, 4])[-1]  # frames 0, 2, 4, 6
    y[:, :, context] = torch.randn(1, 3, 4, 16, 16)  # the context only
    a, b = net(x), net(y)
    torch.testing.assert_close(a[:, :2], b[:, :2])
    assert not torch.allclose(a[:, 2], b[:, 2])


@pytest.mark.parametrize('naming', ['timm', 'mmpretrain'])
def test_vit_weights_load_from_a_local_file(tmp_path, naming):
    net = backbone()
    src = backbone()
    torch.manual_seed(1)
    for p in src.parameters():
        p.data.normal_()
    state = {}
    for key, value in src.state_dict().items():
        if key.startswith(('time_embeds', )) or 'temporal' in key:
            continue  # an image ViT has none
        if naming == 'mmpretrain':
            key = ('backbone.' + key).replace('patch_embed.proj',
                                              'patch_embed.projection')
            key = key.replace('blocks.', 'layers.').replace('.norm1.', '.ln1.')
            key = key.replace('.norm2.', '.ln2.').replace(
                '.mlp.fc1.', '.ffn.layers.0.0.').replace(
                    '.mlp.fc2.', '.ffn.layers.1.')
            key = key.replace('backbone.norm.', 'backbone.ln1.')
        state[key] = value
    state['head.weight'] = torch.randn(10, 32)  # a classifier: left out
    path = tmp_path / 'vit.pth'
    torch.save(dict(state_dict=state), path)
    load_vit_weights(net, str(path))
    ref = src.state_dict()
    got = net.state_dict()
    for key in ('patch_embed.proj.weight', 'blocks.1.attn.qkv.weight',
                'blocks.0.mlp.fc2.bias', 'norm.weight', 'pos_embed'):
        torch.testing.assert_close(got[key], ref[key])
    torch.testing.assert_close(got['blocks.0.temporal_attn.qkv.weight'],
                               ref['blocks.0.attn.qkv.weight'])
    assert got['blocks.0.temporal_fc.weight'].abs().sum() == 0


def test_vit_weights_bad_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_vit_weights(backbone(), str(tmp_path / 'none.pth'))
    torch.save(dict(state_dict=dict(foo=torch.zeros(1))), tmp_path / 'x.pth')
    with pytest.raises(ValueError, match='no ViT weights'):
        load_vit_weights(backbone(), str(tmp_path / 'x.pth'))


def test_head_stochastic_logits_share_one_feature():
    torch.manual_seed(0)
    head = MultiGranularFusionHead(5, 32, num_elements=3, hidden_dims=16)
    x = torch.randn(4, 3, 32)
    head.eval()
    det = head(x)
    head.train()
    many = head.stochastic_logits(x, 10)
    assert many.shape == (10, 4, 5)
    assert not torch.allclose(many[0], many[1])
    head.dropout.p = 0.0
    torch.testing.assert_close(head.stochastic_logits(x, 3),
                               det.expand(3, 4, 5))


def recognizer(**kwargs):
    torch.manual_seed(0)
    return SeFARRecognizer(
        backbone=dict(type='MultiGranularTimeSformer', arch=TINY,
                      img_size=16, patch_size=8),
        cls_head=dict(type='MultiGranularFusionHead', num_classes=4,
                      in_channels=32, hidden_dims=16),
        data_preprocessor=dict(type='SemiSupervisedDataPreprocessor',
                               format_shape='NCTHW'),
        warmup_epochs=1, ema_momentum=0.1, **kwargs)


def semi_batch():
    def sample(label):
        return ActionDataSample().set_gt_label(label)
    clip = lambda: torch.randn(1, 3, 8, 16, 16)  # noqa: E731
    inputs = [clip(), clip()] + [dict(weak=clip(), strong=clip())
                                 for _ in range(4)]
    samples = [sample(0), sample(1)] + [sample(i % 4) for i in range(4)]
    return dict(inputs=inputs, data_samples=samples)


def set_epoch(epoch, max_epochs=4):
    hub = MessageHub.get_current_instance()
    hub.update_info('epoch', epoch)
    hub.update_info('max_epochs', max_epochs)


def test_warmup_is_supervised_then_the_teacher_starts_as_the_student():
    model = recognizer()
    data = model.data_preprocessor(semi_batch(), training=True)
    assert data['inputs']['weak'].shape == (4, 1, 3, 8, 16, 16)
    set_epoch(0)
    losses = model(**data, mode='loss')
    assert losses['loss_unsup'] == 0 and model.teacher.steps == 0
    set_epoch(1)
    losses = model(**data, mode='loss')
    assert model.teacher.steps == 1
    for (k, t), s in zip(model.teacher.module.named_parameters(),
                         list(model.backbone.parameters()) +
                         list(model.cls_head.parameters())):
        torch.testing.assert_close(t, s)
    assert losses['loss_unsup'] > 0 and losses['loss_mix'] >= 0
    assert 0 <= losses['pseudo_acc'] <= 1 and 0 < losses['ar_weight'] <= 1
    assert model.ramp() == pytest.approx(math.sin(math.pi / 2 * 1 / 3))


def test_ema_update_values():
    model = recognizer()
    data = model.data_preprocessor(semi_batch(), training=True)
    set_epoch(1)
    model(**data, mode='loss')  # starts the teacher
    before = model.teacher.module.backbone.norm.weight.clone()
    with torch.no_grad():
        model.backbone.norm.weight.add_(1.0)
    student = model.backbone.norm.weight.clone()
    model(**data, mode='loss')
    torch.testing.assert_close(model.teacher.module.backbone.norm.weight,
                               0.9 * before + 0.1 * student)


def test_training_step_and_student_prediction():
    model = recognizer()
    set_epoch(2)
    optim = torch.optim.SGD(model.parameters(), lr=0.01)
    from mmengine.optim import OptimWrapper
    log = model.train_step(semi_batch(), OptimWrapper(optim))
    assert torch.isfinite(torch.as_tensor(log['loss']))
    model.eval()
    test = dict(inputs=[torch.randn(2, 3, 8, 16, 16)],
                data_samples=[ActionDataSample().set_gt_label(1)])
    out = model.test_step(test)
    assert out[0].pred_score.shape == (4, )
    assert model.num_teacher_predictions == 10


def test_threshold_baseline_and_bad_settings():
    model = recognizer(weighting='threshold', num_teacher_predictions=1,
                       threshold=0.0)
    set_epoch(1)
    data = model.data_preprocessor(semi_batch(), training=True)
    losses = model(**data, mode='loss')
    assert losses['ar_weight'] == 1.0
    with pytest.raises(ValueError, match='at least 2'):
        recognizer(num_teacher_predictions=1)
    with pytest.raises(ValueError, match='weighting'):
        recognizer(weighting='fixed')
