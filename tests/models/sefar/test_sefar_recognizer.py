import math

import pytest
import torch
from mmengine.logging import MessageHub

from mmaction.structures import ActionDataSample
from mmfine.models import SeFARRecognizer
from mmfine.testing import TINY_VIT


def recognizer(**kwargs):
    torch.manual_seed(0)
    return SeFARRecognizer(
        backbone=dict(
            type='MultiGranularTimeSformer',
            arch=TINY_VIT,
            img_size=16,
            patch_size=8),
        cls_head=dict(
            type='MultiGranularFusionHead',
            num_classes=4,
            in_channels=32,
            hidden_dims=16),
        data_preprocessor=dict(
            type='SemiSupervisedDataPreprocessor', format_shape='NCTHW'),
        warmup_epochs=1,
        ema_momentum=0.1,
        **kwargs)


def semi_batch():

    def sample(label):
        return ActionDataSample().set_gt_label(label)

    clip = lambda: torch.randn(1, 3, 8, 16, 16)  # noqa: E731
    inputs = [clip(), clip()
              ] + [dict(weak=clip(), strong=clip()) for _ in range(4)]
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
    for (k, t), s in zip(
            model.teacher.module.named_parameters(),
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
    with torch.no_grad():  # a teacher unlike the student
        for p in model.teacher.module.parameters():
            p.add_(torch.randn_like(p))
    test = dict(
        inputs=[torch.randn(2, 3, 8, 16, 16)],
        data_samples=[ActionDataSample().set_gt_label(1)])
    out = model.test_step(test)
    assert out[0].pred_score.shape == (4, )
    with torch.no_grad():  # the student's softmax, averaged over 2 views
        student = model.cls_head(model.backbone(test['inputs'][0]))
    torch.testing.assert_close(out[0].pred_score,
                               student.softmax(-1).mean(0))
    assert model.num_teacher_predictions == 10


def test_threshold_baseline_and_bad_settings():
    model = recognizer(
        weighting='threshold', num_teacher_predictions=1, threshold=0.0)
    set_epoch(1)
    data = model.data_preprocessor(semi_batch(), training=True)
    losses = model(**data, mode='loss')
    assert losses['ar_weight'] == 1.0
    with pytest.raises(ValueError, match='at least 2'):
        recognizer(num_teacher_predictions=1)
    with pytest.raises(ValueError, match='weighting'):
        recognizer(weighting='fixed')
    with pytest.raises(ValueError, match='mix_space'):
        recognizer(mix_space='softmax')


def test_teacher_logits_modes():
    """One deterministic forward; U head-only draws that share one backbone
    pass (their mean over a dropout-free head is the deterministic
    forward); U whole-model draws."""
    model = recognizer()
    weak = torch.randn(2, 1, 3, 8, 16, 16)
    with torch.no_grad():
        det = model.teacher_logits(weak)
        again = model.teacher_logits(weak)
        heads = model.teacher_logits(weak, 5)
        whole = model.teacher_logits(weak, 5, whole_model=True)
        model.teacher.module.head.dropout.p = 0.0
        no_dropout = model.teacher_logits(weak, 3)
    assert det.shape == (2, 4) and heads.shape == whole.shape == (5, 2, 4)
    torch.testing.assert_close(det, again)
    assert not torch.allclose(heads[0], heads[1])
    torch.testing.assert_close(no_dropout, det.expand(3, 2, 4))


def set_iter(iteration, max_iters, max_epochs=1):
    hub = MessageHub.get_current_instance()
    hub.update_info('iter', iteration)
    hub.update_info('max_iters', max_iters)
    hub.update_info('epoch', 0)  # an iteration-based loop's one epoch
    hub.update_info('max_epochs', max_epochs)


def test_ramp_over_iterations_with_warmup_iters():
    model = recognizer(warmup_iters=10)
    set_iter(5, 40)
    assert model.ramp() == 0.0
    set_iter(10, 40)
    assert model.ramp() == pytest.approx(math.sin(math.pi / 2 * 1 / 30))
    set_iter(39, 40)
    assert model.ramp() == pytest.approx(1.0)


def test_an_epoch_warmup_that_never_ends_is_an_error():
    model = recognizer()  # warmup_epochs=1
    set_iter(100, 1000)  # IterBasedTrainLoop: max_epochs 1
    with pytest.raises(ValueError, match='set warmup_iters'):
        model.ramp()
    set_epoch(0)  # epoch-based with 4 epochs: fine
    assert model.ramp() == 0.0


def test_no_gradient_reaches_the_teacher_and_the_student_learns():
    """Even with the teacher's parameters made trainable, its pseudo-labels
    carry no graph: the unlabelled losses reach the student alone."""
    model = recognizer()
    data = model.data_preprocessor(semi_batch(), training=True)
    set_epoch(1)
    model(**data, mode='loss')  # starts the teacher
    model.teacher.module.requires_grad_(True)
    pseudo = model.teacher_pseudo_labels(data['inputs']['weak'])
    assert not pseudo['probs'].requires_grad
    assert not pseudo['weight'].requires_grad
    losses = model(**data, mode='loss')
    (losses['loss_unsup'] + losses['loss_mix'] + losses['loss_cls']).backward()
    for name, p in model.teacher.module.named_parameters():
        assert p.grad is None, name
    assert model.backbone.patch_embed.proj.weight.grad.abs().sum() > 0
    student = {id(p) for p in model.student().parameters()}
    assert not any(
        id(p) in student for p in model.teacher.module.parameters())


def test_channel_dropout_hits_the_strong_view_only(monkeypatch):
    import torch.nn.functional as F

    from mmfine.models.sefar import sefar_recognizer
    dropped = []
    real = F.dropout3d

    def record(x, p=0.5, training=True, inplace=False):
        dropped.append(x.detach().clone())
        return real(x, p, training, inplace)

    monkeypatch.setattr(sefar_recognizer.F, 'dropout3d', record)
    model = recognizer()
    data = model.data_preprocessor(semi_batch(), training=True)
    set_epoch(1)
    model(**data, mode='loss')
    assert len(dropped) == 1  # one call per step: the strong clips
    strong = model._clips(data['inputs']['strong'])
    torch.testing.assert_close(dropped[0], strong)


def labelled_batch():
    inputs = [torch.randn(1, 3, 8, 16, 16) for _ in range(2)]
    samples = [ActionDataSample().set_gt_label(i) for i in range(2)]
    return dict(inputs=inputs, data_samples=samples)


def test_warmup_batches_of_labelled_clips_train_the_student_alone():
    model = recognizer()  # warmup_epochs=1
    data = model.data_preprocessor(labelled_batch(), training=True)
    set_epoch(0)
    losses = model(**data, mode='loss')
    assert 'loss_unsup' not in losses and losses['loss_cls'] > 0
    assert model.teacher.steps == 0
    set_epoch(1)  # the sampler's warm-up outlasts the model's
    with pytest.raises(ValueError, match='batch_sampler.warmup_epochs'):
        model(**data, mode='loss')


def test_unlabelled_clips_in_the_warmup_are_named_once(monkeypatch):
    model = recognizer()
    logged = []
    monkeypatch.setattr('mmfine.models.sefar.sefar_recognizer.print_log',
                        lambda msg, **kw: logged.append(msg))
    data = model.data_preprocessor(semi_batch(), training=True)
    set_epoch(0)
    for _ in range(2):
        losses = model(**data, mode='loss')
        assert losses['loss_unsup'] == 0 and losses['loss_mix'] == 0
    assert len(logged) == 1 and 'SemiSupervisedBatchSampler' in logged[0]


def test_teacher_follows_the_student_every_iteration():
    """The authors update the EMA teacher every iteration, accumulated ones
    included: it starts as a copy of the student, then moves by momentum m
    toward it each time: t <- (1 - m) t + m s."""
    model = recognizer()  # ema_momentum 0.1
    data = model.data_preprocessor(semi_batch(), training=True)
    set_epoch(1)
    model(**data, mode='loss')
    teacher = model.teacher.module.backbone.cls_token
    student = model.backbone.cls_token
    assert torch.equal(teacher, student) and model.teacher.steps == 1
    start = teacher.detach().clone()
    with torch.no_grad():
        student.add_(1.0)  # an optimizer step
    for it in range(1, 4):  # three iterations, one step
        model(**data, mode='loss')
        assert model.teacher.steps == it + 1
        expected = start + 1.0 * (1 - 0.9**it)
        assert torch.allclose(teacher, expected, atol=1e-6)


def test_unlabelled_losses_equal_a_hand_computation(monkeypatch):
    """L_un and L_mix of Eq. 8 on a batch, recomputed from the student's
    own logits: no dropout anywhere (so the U teacher predictions agree,
    sigma = 0 and eta2 = 1), and a token mix that takes every token from
    the partner (lam = 0, partners in reverse order), so the mixed clip is
    the partner's."""
    model = recognizer(strong_dropout=0.0)
    for head in (model.cls_head, model.teacher.module.head):
        head.dropout.p = 0.0
    monkeypatch.setattr(
        'mmfine.models.sefar.sefar_recognizer.draw_token_mix',
        lambda batch, elements, tokens, alpha:
        ([torch.zeros(tokens, dtype=torch.bool)] * elements,
         torch.arange(batch).flip(0), 0.0))
    data = model.data_preprocessor(semi_batch(), training=True)
    set_epoch(1)  # 4 epochs, 1 of warm-up: xi = sin(pi / 2 * 1 / 3)
    losses = model(**data, mode='loss')
    with torch.no_grad():
        p = model.cls_head(model.backbone(
            data['inputs']['weak'].flatten(0, 1))).softmax(-1)
        logits = model.cls_head(model.backbone(
            data['inputs']['strong'].flatten(0, 1)))
    mu, label = p.max(1)
    w = 2 * torch.sigmoid(torch.exp(mu) - math.e)  # eta1; eta2 = 1
    l_un = (torch.nn.functional.cross_entropy(
        logits, label, reduction='none') * w).mean()
    partner = torch.arange(4).flip(0)
    l_mix = (((logits[partner] - p[partner])**2).mean(1) * w[partner]).mean()
    xi = math.sin(math.pi / 2 / 3)
    torch.testing.assert_close(losses['loss_unsup'], xi * 2 * l_un)
    torch.testing.assert_close(losses['loss_mix'], xi * 2 * l_mix)
    torch.testing.assert_close(losses['ar_weight'], w.mean())
