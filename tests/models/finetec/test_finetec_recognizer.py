import numpy as np
import pytest
import torch
from mmengine.runner import save_checkpoint

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmfine.models.finetec import second_difference
from mmfine.structures import sample_key

COMPLETION = dict(type='ContextAwareCompletion', layout='coco17',
                  num_joints=17, coord_dims=2, window=8, num_blocks=2)


def finetec_cfg(checkpoint=None, **kwargs):
    cfg = dict(
        type='FineTecRecognizer', in_channels=3, completion=COMPLETION,
        completion_checkpoint=checkpoint,
        decomposition=dict(type='SpatialDecomposition', layout='coco17'),
        physics=dict(type='LagrangianAcceleration', num_joints=17,
                     coord_dims=2, hidden_dims=8),
        fusion=dict(type='PositionAccelerationAttention', pos_channels=3,
                    acc_channels=2, embed_dims=8, num_heads=2),
        backbone=dict(type='STGCN', in_channels=8, base_channels=8,
                      num_stages=2, inflate_stages=[], down_stages=[],
                      graph_cfg=dict(layout='coco', mode='stgcn_spatial')),
        cls_head=dict(type='GCNHead', num_classes=4, in_channels=8))
    cfg.update(kwargs)
    return cfg


def batch(n=2, frames=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    inputs = torch.rand(n, 1, 1, frames, 17, 3, generator=g)
    samples = []
    for i in range(n):
        mask = np.ones((1, frames), np.float32)
        mask[0, 1::2] = 0
        inputs[i, :, :, 1::2] = 0
        sample = ActionDataSample().set_gt_label(i % 4)
        sample.set_field(mask, 'frame_mask')
        sample.set_metainfo(dict(frame_dir=f'clip{i}'))
        samples.append(sample)
    return inputs, samples


@pytest.fixture
def completion_ckpt(tmp_path):
    torch.manual_seed(1)
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION))
    path = str(tmp_path / 'completion.pth')
    save_checkpoint(dict(state_dict=model.state_dict(), meta={}), path)
    return path, model


def test_loads_and_freezes_the_completion(completion_ckpt):
    path, pretrained = completion_ckpt
    model = MODELS.build(finetec_cfg(path))
    loaded = model.completion.state_dict()
    for name, value in pretrained.completion.state_dict().items():
        if isinstance(value, torch.Tensor):
            torch.testing.assert_close(loaded[name], value)
    assert not any(p.requires_grad for p in model.completion.parameters())
    model.train()
    assert not model.completion.training
    assert model.decomposition.training


def test_a_completion_checkpoint_that_does_not_fit_is_named(
        completion_ckpt, tmp_path):
    """A checkpoint from before the bank ids (or of another model) gives
    the path and the remedy, not a bare missing-key error."""
    path, pretrained = completion_ckpt
    state = {f'completion.{k}': v
             for k, v in pretrained.completion.state_dict().items()
             if k != 'bank_ids'}
    old = str(tmp_path / 'old.pth')
    save_checkpoint(dict(state_dict=state, meta={}), old)
    with pytest.raises(ValueError, match='old.pth does not fit.*pre-train'):
        MODELS.build(finetec_cfg(old))


def test_clips_longer_than_the_window_are_completed_whole(completion_ckpt):
    """A 20-frame clip (window 8) reaches the completion whole, with its
    frame mask, and is restored as the completion tiles it."""
    model = MODELS.build(finetec_cfg(completion_ckpt[0])).eval()
    inputs, samples = batch(frames=20)
    seen = []
    forward = model.completion.forward

    def spy(coords, keep, ids=None):
        out = forward(coords, keep, ids)
        seen.append((coords, keep, out))
        return out

    model.completion.forward = spy
    model(inputs, samples, mode='predict')
    coords, keep, out = seen[0]
    assert coords.shape == (2, 20, 17, 2)
    torch.testing.assert_close(keep, torch.as_tensor(
        np.stack([s.frame_mask[0] for s in samples])))
    kept = keep.bool()
    torch.testing.assert_close(out[kept], inputs[:, 0, 0, ..., :2][kept])
    prior = model.completion.clip_prior(coords, keep)
    assert (out[~kept] - prior[~kept]).abs().max() < 0.5  # near its start


def test_a_full_checkpoint_restores_completion_and_bank(tmp_path):
    """Testing a trained FineTec needs neither its completion checkpoint
    nor its bank file: both come back from the FineTec state dict."""
    from mmfine.testing import write_bank
    write_bank(tmp_path / 'bank.pkl')
    torch.manual_seed(2)
    trained = MODELS.build(finetec_cfg(
        completion=dict(COMPLETION, bank_file=str(tmp_path / 'bank.pkl'))))
    torch.manual_seed(3)
    bare = MODELS.build(finetec_cfg())
    assert len(bare.completion.bank_windows) == 0
    bare.load_state_dict(trained.state_dict())
    for name, value in trained.completion.state_dict().items():
        if isinstance(value, torch.Tensor):
            torch.testing.assert_close(bare.completion.state_dict()[name],
                                       value)
    inputs, samples = batch()
    bare.eval(), trained.eval()
    torch.testing.assert_close(
        torch.stack([p.pred_score for p in bare(inputs, samples, 'predict')]),
        torch.stack([p.pred_score for p in trained(inputs, samples,
                                                   'predict')]))


def test_loss_and_predict(completion_ckpt):
    model = MODELS.build(finetec_cfg(completion_ckpt[0]))
    inputs, samples = batch()
    losses = model(inputs, samples, mode='loss')
    assert set(losses) >= {'loss_cls', 'loss_acc'}
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    assert model.physics.est_m[0].weight.grad.abs().sum() > 0
    assert model.backbone.data_bn.weight.grad is not None
    model.eval()
    preds = model(inputs, samples, mode='predict')
    scores = torch.stack([p.pred_score for p in preds])
    torch.testing.assert_close(scores.sum(1), torch.ones(2))


def test_loss_acc_is_lambda_times_eq16_over_the_three_sequences(
        completion_ckpt):
    """``loss_acc`` is ``lambda L_Ac`` of the physics module on the stacked
    ``S_base, S_dyna, S_stat`` (recomputed independently, decomposition in
    eval so it is deterministic)."""
    inputs, samples = batch()
    values = []
    for weight in (1.0, 0.25):
        torch.manual_seed(0)  # the same weights for both
        model = MODELS.build(finetec_cfg(completion_ckpt[0],
                                         acc_loss_weight=weight))
        model.eval()
        losses = model(inputs, samples, mode='loss')
        values.append(losses['loss_acc'])
    b, nc, m, t, v, c = inputs.shape
    coords = inputs.reshape(b * nc * m, t, v, c)[..., :2]
    keep = torch.ones(b * nc * m, t)
    keep[:, 1::2] = 0
    ids = torch.as_tensor([sample_key(s.frame_dir) for s in samples])
    with torch.no_grad():
        base = model.completion(coords, keep, ids)
        _, dyna, stat = model.decomposition(base)
        _, phys, finite = model.physics(torch.cat([base, dyna, stat]))
    expected = model.physics.loss(phys, finite)
    assert expected > 0
    torch.testing.assert_close(values[0], expected)
    torch.testing.assert_close(values[1], 0.25 * expected)


def test_loss_acc_in_training_is_the_mean_over_three_distinct_sequences(
        completion_ckpt, monkeypatch):
    """In training ``S_dyna`` and ``S_stat`` differ from ``S_base``: with
    the decomposition's output fixed, ``loss_acc`` is the mean of Eq. 16
    over the three sequences, each computed on its own."""
    inputs, samples = batch()
    model = MODELS.build(finetec_cfg(completion_ckpt[0]))
    model.train()
    seen = {}
    gen = torch.Generator().manual_seed(3)

    def decompose(base):
        dyna = base + 0.2 * torch.randn(base.shape, generator=gen)
        stat = base.flip(1)
        seen.update(base=base, dyna=dyna, stat=stat)
        return base, dyna, stat

    monkeypatch.setattr(model.decomposition, 'forward', decompose)
    loss = model(inputs, samples, mode='loss')['loss_acc']
    with torch.no_grad():
        terms = [model.physics.loss(*model.physics(seen[k])[1:])
                 for k in ('base', 'dyna', 'stat')]
    assert len({round(t.item(), 6) for t in terms}) == 3
    torch.testing.assert_close(loss.detach(), sum(terms) / 3)


def trainable_without_grad(model, inputs, samples):
    """Names of trainable parameters whose gradient is missing or not
    finite after one loss backward."""
    model.zero_grad()
    losses = model(inputs, samples, mode='loss')
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    return [n for n, p in model.named_parameters() if p.requires_grad and (
        p.grad is None or not torch.isfinite(p.grad).all()
        or p.grad.abs().sum() == 0)]


@pytest.mark.parametrize('kwargs', [
    dict(),
    dict(streams='six', fusion=None),
    dict(branches=('dyna', )),
    dict(branches=('stat', )),
    dict(decomposition=None),
    dict(physics=None),
])
def test_a_gradient_reaches_every_trainable_parameter(completion_ckpt,
                                                      kwargs):
    """The frozen completion aside, every parameter trains (so DDP finds no
    unused parameter), in every ablation."""
    cfg = finetec_cfg(completion_ckpt[0], **kwargs)
    if kwargs.get('streams') == 'six':
        cfg['backbone']['in_channels'] = None
    model = MODELS.build(cfg)
    torch.manual_seed(0)
    assert trainable_without_grad(model, *batch(n=4)) == []
    assert not any(p.requires_grad for p in model.completion.parameters())


def test_six_stream_variant(completion_ckpt):
    cfg = finetec_cfg(completion_ckpt[0], streams='six', fusion=None)
    cfg['backbone']['in_channels'] = None
    model = MODELS.build(cfg).eval()
    assert len(model.stream_backbones) == 6
    assert not model.decomposition.fusion_logits.requires_grad
    # one GCN per sequence (3 positions, 3 accelerations), features averaged
    inputs, samples = batch()
    with torch.no_grad():
        streams, _ = model.restore_and_fuse(inputs, samples)
        feats, _ = model.extract_feat(inputs, data_samples=samples)
        expected = torch.stack([
            net(x) for net, x in zip(model.stream_backbones, streams)
        ]).mean(0)
    assert [x.shape[-1] for x in streams] == [3, 3, 3, 2, 2, 2]
    torch.testing.assert_close(feats, expected)


def test_without_completion_the_gcn_sees_the_corrupted_input():
    model = MODELS.build(finetec_cfg(completion=None, decomposition=None,
                                     physics=None)).eval()
    inputs, samples = batch()
    streams, loss_acc = model.restore_and_fuse(inputs, samples)
    ref = model.fusion(inputs.flatten(0, 2), second_difference(
        inputs.flatten(0, 2)[..., :2]))
    torch.testing.assert_close(streams[0].flatten(0, 1), ref)
    assert loss_acc == 0


def test_the_prompt_never_comes_from_the_samples_own_clips(
        completion_ckpt, monkeypatch):
    model = MODELS.build(finetec_cfg(completion_ckpt[0]))
    seen = []
    monkeypatch.setattr(model.completion, 'forward',
                        lambda seq, keep, ids=None: seen.append(ids) or seq)
    inputs, samples = batch(n=2)
    model(inputs, samples, mode='loss')
    assert seen[0].tolist() == [sample_key('clip0'), sample_key('clip1')]


def test_bad_inputs_are_named(completion_ckpt):
    model = MODELS.build(finetec_cfg(completion_ckpt[0])).eval()
    inputs, samples = batch()
    inputs[1, 0, 0, 0, 3, 0] = float('nan')
    with pytest.raises(ValueError, match='non-finite.*clip1'):
        model(inputs, samples, mode='predict')


def test_a_clip_with_every_frame_dropped_stays_zero(completion_ckpt):
    """Possible with per-sample corruption: the baseline sees zeros, so
    does FineTec's GCN path (no restoration from nothing)."""
    model = MODELS.build(finetec_cfg(completion_ckpt[0])).eval()
    inputs, samples = batch()
    inputs[0] = 0
    samples[0].frame_mask = np.zeros((1, 8), np.float32)
    restored = []
    model.completion.register_forward_hook(
        lambda module, args, out: restored.append(out))
    with torch.no_grad():
        model(inputs, samples, mode='predict')
    base = restored[0]  # S_base as the recognizer computed it
    assert base[0].eq(0).all()
    dropped = torch.as_tensor(samples[1].frame_mask[0]) == 0
    assert base[1][dropped].abs().sum() > 0  # the other clip is restored


def test_checkpoint_problems_are_clear(tmp_path):
    with pytest.raises(FileNotFoundError, match='pre-train'):
        MODELS.build(finetec_cfg(str(tmp_path / 'missing.pth')))
    other = dict(COMPLETION, layout='h36m17')
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=other))
    path = str(tmp_path / 'h36m.pth')
    save_checkpoint(dict(state_dict=model.state_dict()), path)
    with pytest.raises(ValueError, match="'layout': 'h36m17'"):
        MODELS.build(finetec_cfg(path))


def test_eval_computes_the_acceleration_once_with_the_same_result():
    """In eval S_dyna = S_stat = S_base: physics runs on S_base alone and
    the fused input equals fusion(S_base, a(S_base)), the softmax weights
    of three equal sequences summing to one."""
    model = MODELS.build(finetec_cfg(completion=None)).eval()
    inputs, samples = batch(n=3)
    calls = []
    model.physics.register_forward_hook(
        lambda m, args, out: calls.append(args[0].shape[0]))
    with torch.no_grad():
        streams, loss_acc = model.restore_and_fuse(inputs, samples)
        base = inputs.reshape(3, 8, 17, 3)[..., :2]
        acc, phys, finite = model.physics(base)
        expected = model.fusion(
            torch.cat([base, inputs.reshape(3, 8, 17, 3)[..., 2:]], -1), acc)
    assert calls[0] == 3  # one sequence per clip, not three
    torch.testing.assert_close(streams[0].reshape(expected.shape), expected)
    torch.testing.assert_close(loss_acc, model.physics.loss(phys, finite))


@pytest.mark.parametrize('pad', ['inplace', 'compact'])
def test_both_paddings_through_the_recognizer(completion_ckpt, pad):
    """Clips corrupted by the pipeline, padded in place or compact, go
    through FineTecRecognizer: the completion keeps every kept frame where
    the padding put it and fills the others, and the model trains (one
    clip per sample) and predicts (two clips) on them."""
    from mmengine.dataset import Compose, pseudo_collate
    from mmengine.registry import init_default_scope
    init_default_scope('mmaction')
    rng = np.random.default_rng(0)
    total = 40
    track = np.cumsum(rng.normal(0, 0.05, (total, 1, 2)), 0)
    poses = (rng.uniform(-1, 1, (1, 17, 2)) + track).astype(np.float32)

    def corrupted_batch(num_clips):
        pipeline = Compose([
            dict(type='UniformSampleFrames', clip_len=8,
                 num_clips=num_clips, test_mode=True),
            dict(type='PoseDecode'),
            dict(type='TemporalCorruption', drop_ratio='moderate',
                 test_mode=True, pad=pad),
            dict(type='FormatGCNInput', num_person=1),
            dict(type='PackActionInputs', algorithm_keys=('frame_mask', ),
                 meta_keys=('frame_dir', ))
        ])
        data = pseudo_collate([
            pipeline(dict(keypoint=poses[None] + i,
                          keypoint_score=np.ones((1, total, 17), np.float32),
                          total_frames=total, frame_dir=f'v{i}',
                          start_index=0, label=i)) for i in range(2)])
        inputs = torch.stack(data['inputs']).float()
        keep = torch.as_tensor(
            np.stack([s.frame_mask for s in data['data_samples']]))
        assert keep.shape == (2, num_clips, 8) and 0 < keep.mean() < 1
        if pad == 'compact':  # kept frames first, zeros after
            assert (keep.sort(-1, descending=True).values == keep).all()
        return inputs, data['data_samples'], keep

    model = MODELS.build(finetec_cfg(completion_ckpt[0]))
    completed = []
    model.completion.register_forward_hook(
        lambda module, args, out: completed.append(out))
    inputs, samples, keep = corrupted_batch(1)
    losses = model(inputs, samples, mode='loss')
    sum(v for k, v in losses.items() if 'loss' in k).backward()
    assert torch.isfinite(losses['loss_cls'])
    assert model.backbone.data_bn.weight.grad.abs().sum() > 0
    batches = [(inputs, keep)]
    inputs, samples, keep = corrupted_batch(2)
    model.eval()
    with torch.no_grad():
        preds = model(inputs, samples, mode='predict')
    torch.testing.assert_close(
        torch.stack([p.pred_score for p in preds]).sum(1), torch.ones(2))
    batches.append((inputs, keep))
    assert len(completed) == 2
    for out, (inputs, keep) in zip(completed, batches):
        coords = inputs[..., :2].reshape(out.shape)
        kept = keep.reshape(out.shape[:2]) > 0
        torch.testing.assert_close(out[kept], coords[kept])
        assert out[~kept].abs().sum() > 0  # filled, not left at zero


def test_training_with_a_bank_needs_the_sample_names(completion_ckpt):
    """Without frame_dir the prompt could be the sample's own clip: an
    error in training with a bank; at test time (bank of the training
    split) the names are not needed."""
    model = MODELS.build(finetec_cfg(completion_ckpt[0]))
    model.completion.set_bank(torch.randn(4, 8, 17, 2), torch.arange(4))
    inputs, samples = batch()
    for sample in samples:
        sample.set_metainfo(dict(frame_dir=None))
    with pytest.raises(ValueError, match="frame_dir.*own clip"):
        model(inputs, samples, mode='loss')
    model.eval()
    with torch.no_grad():
        assert len(model(inputs, samples, mode='predict')) == 2
