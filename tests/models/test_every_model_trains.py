"""Every model mmfine registers, built tiny, runs forward and backward, and
every trainable parameter receives a finite, non-zero gradient (as timm's
``tests/test_models.py`` checks for its models) on the second step: zero
initialised gates (TimeSformer's ``temporal_fc``) pass no gradient to the
branch behind them before their first update. A new registered model
fails ``test_every_registered_model_is_covered`` until it is added here."""
import numpy as np
import pytest
import torch
from mmengine.logging import MessageHub

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmfine.testing import TINY_VIT

COMPLETION = dict(
    type='ContextAwareCompletion',
    layout='coco17',
    num_joints=17,
    coord_dims=2,
    window=8,
    num_blocks=2)


def skeletons(n=2, frames=8):
    """Clips ``(n, 1, 1, frames, 17, 3)`` with every other frame dropped,
    and their samples (labels, masks, names)."""
    inputs = torch.rand(n, 1, 1, frames, 17, 3)
    inputs[:, :, :, 1::2] = 0
    samples = []
    for i in range(n):
        mask = np.ones((1, frames), np.float32)
        mask[0, 1::2] = 0
        sample = ActionDataSample().set_gt_label(i % 4)
        sample.set_field(mask, 'frame_mask')
        sample.set_metainfo(dict(frame_dir=f'clip{i}'))
        samples.append(sample)
    return inputs, samples


def coarse_fine_loss(model):
    samples = []
    for coarse, fine in ((0, 1), (1, 2), (1, 3)):
        sample = ActionDataSample().set_gt_label(torch.tensor([coarse]))
        sample.set_metainfo(dict(fine_label=fine))
        samples.append(sample)
    losses = model.loss(torch.randn(3, 12, 2, 2, 2), samples)
    return sum(v for k, v in losses.items() if k.startswith('loss'))


def recognizer_loss(model, inputs, samples):
    losses = model(inputs, samples, mode='loss')
    return sum(v for k, v in losses.items() if 'loss' in k)


def completion_loss(model):
    seq, keep = torch.rand(2, 8, 17, 2), torch.ones(2, 8)
    keep[:, 1::2] = 0
    return model(seq * keep[..., None, None], keep).pow(2).mean()


def physics_loss(model):
    fused, phys, finite = model(torch.rand(2, 8, 17, 2))
    return fused.pow(2).mean() + model.loss(phys, finite)


def sefar_loss(model):
    hub = MessageHub.get_current_instance()
    hub.update_info('epoch', 2)  # past the warm-up: the teacher is on
    hub.update_info('max_epochs', 4)

    def clip():
        return torch.randn(1, 3, 8, 16, 16)

    batch = dict(
        inputs=[clip(), clip()] +
        [dict(weak=clip(), strong=clip()) for _ in range(4)],
        data_samples=[
            ActionDataSample().set_gt_label(i % 4) for i in range(6)
        ])
    batch = model.data_preprocessor(batch, training=True)
    losses = model(**batch, mode='loss')
    return sum(v for k, v in losses.items() if 'loss' in k)


FINETEC = dict(
    type='FineTecRecognizer',
    in_channels=3,
    completion=COMPLETION,
    decomposition=dict(type='SpatialDecomposition', layout='coco17'),
    physics=dict(
        type='LagrangianAcceleration',
        num_joints=17,
        coord_dims=2,
        hidden_dims=8),
    fusion=dict(
        type='PositionAccelerationAttention',
        pos_channels=3,
        acc_channels=2,
        embed_dims=8,
        num_heads=2),
    backbone=dict(
        type='STGCN',
        in_channels=8,
        base_channels=8,
        num_stages=2,
        inflate_stages=[],
        down_stages=[],
        graph_cfg=dict(layout='coco', mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=4, in_channels=8))


def score_loss(model):
    target = torch.tensor([0.1, 0.45, 0.8])
    mask = torch.ones(3, 5, dtype=torch.bool)
    mask[2, 3:] = False
    return sum(model.loss(torch.randn(3, 5, 12), mask, target).values())


def assessor_loss(model):
    samples = []
    for score in (2.0, 9.0):
        sample = ActionDataSample(metainfo=dict(score_range=(0, 10)))
        sample.set_field(score, 'gt_score')
        samples.append(sample)
    batch = model.data_preprocessor(
        dict(
            inputs=[torch.randn(4, 12), torch.randn(6, 12)],
            data_samples=samples), True)
    return sum(model(**batch, mode='loss').values())


COFINAL = dict(
    type='CoFInAlHead',
    in_channels=12,
    procedure_channels=8,
    grade_channels=8,
    num_procedures=2,
    num_grades=3,
    num_subgrades=4)

#: registered name -> (tiny config, scalar loss of the built model)
CASES = {
    'ContextAwareCompletion': (COMPLETION, completion_loss),
    'SkeletonCompletionModel':
    (dict(type='SkeletonCompletionModel', completion=COMPLETION),
     lambda m: recognizer_loss(m,
                               skeletons()[0] + 0.5,
                               skeletons()[1])),
    'LagrangianAcceleration': (dict(
        type='LagrangianAcceleration',
        num_joints=17,
        coord_dims=2,
        hidden_dims=8), physics_loss),
    'PositionAccelerationAttention': (FINETEC['fusion'], lambda m: m(
        torch.rand(2, 4, 17, 3), torch.rand(2, 4, 17, 2)).pow(2).mean()),
    'SpatialDecomposition':
    (FINETEC['decomposition'],
     lambda m: m(torch.rand(2, 8, 17, 2).cumsum(1))[0].pow(2).mean()),
    'FineTecRecognizer': (FINETEC, lambda m: recognizer_loss(m, *skeletons())),
    'MultiGranularTimeSformer': (
        dict(
            type='MultiGranularTimeSformer',
            arch=TINY_VIT,
            img_size=16,
            patch_size=8),
        lambda m: m(torch.randn(2, 3, 8, 16, 16)).square().sum()),
    'MultiGranularFusionHead': (dict(
        type='MultiGranularFusionHead',
        num_classes=4,
        in_channels=32,
        hidden_dims=16), lambda m: m(torch.randn(2, 3, 32)).pow(2).mean()),
    'SeFARRecognizer': (dict(
        type='SeFARRecognizer',
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
        ema_momentum=0.1), sefar_loss),
    'CoFInAlHead': (COFINAL, score_loss),
    'GDLTHead': (dict(type='GDLTHead', in_channels=12,
                      channels=8), score_loss),
    'PooledRegressionHead': (dict(type='PooledRegressionHead',
                                  in_channels=12), score_loss),
    'FeatureAssessor': (dict(type='FeatureAssessor',
                             head=COFINAL), assessor_loss),
    'ETFHead':
    (dict(type='ETFHead', num_classes=4, in_channels=12,
          feat_dim=6), lambda m: m.loss_cls(
              m(torch.randn(3, 12, 2, 2, 2)), torch.tensor([0, 2, 3]))),
    'HierarchicalClsHead': (dict(type='HierarchicalClsHead', in_channels=12),
                            lambda m: sum(
                                v for k, v in m.loss(
                                    torch.randn(3, 12, 2, 2, 2), [
                                        ActionDataSample().set_gt_label(
                                            torch.tensor([c]))
                                        for c in (0, 20, 51)
                                    ]).items() if k.startswith('loss'))),
    'CoarseFineHead': (dict(type='CoarseFineHead', num_classes=2,
                            in_channels=12, num_fine_classes=4,
                            fine_to_coarse=[0, 0, 1, 1]), coarse_fine_loss),
}
#: registered models without trainable parameters
NO_PARAMETERS = {
    'SemiSupervisedDataPreprocessor', 'ClipFeaturePreprocessor',
    'KinematicPoseEncoder', 'DotRegressionLoss'
}


def registered_models():
    import mmfine  # noqa: F401
    return sorted(name for name, cls in MODELS.module_dict.items()
                  if cls.__module__.startswith('mmfine.'))


def test_every_registered_model_is_covered():
    assert set(registered_models()) == set(CASES) | NO_PARAMETERS
    for name in NO_PARAMETERS:
        assert not list(MODELS.get(name)().parameters())


@pytest.mark.parametrize('name', sorted(CASES))
def test_every_trainable_parameter_gets_a_finite_gradient(name):
    cfg, loss_of = CASES[name]
    torch.manual_seed(0)
    model = MODELS.build(dict(cfg)).train()
    optim = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(2):
        optim.zero_grad()
        loss = loss_of(model)
        assert torch.isfinite(loss)
        loss.backward()
        optim.step()
    trainable = [(n, p) for n, p in model.named_parameters()
                 if p.requires_grad]
    assert trainable
    bad = [
        n for n, p in trainable if p.grad is None
        or not torch.isfinite(p.grad).all() or p.grad.abs().sum() == 0
    ]
    assert bad == []
