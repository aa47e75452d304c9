import json

import numpy as np
import pytest
import torch

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmfine.datasets.transforms import TemporalCorruption
from mmfine.models.finetec.context_aware_completion import frame_of_reference
from mmfine.models.finetec.skeleton_completion_model import observed_windows
from mmfine.testing import write_bank

COMPLETION = dict(type='ContextAwareCompletion', layout='coco17',
                  num_joints=17, coord_dims=2, window=8, num_blocks=2)


def batch(n=3, frames=8, total=30):
    inputs = torch.rand(n, 1, 1, frames, 17, 3, dtype=torch.float32)
    samples = [ActionDataSample() for _ in range(n)]
    for i, sample in enumerate(samples):
        sample.set_metainfo(dict(frame_dir=f'v{i}', total_frames=total,
                                 frame_inds=np.arange(frames) * 3 + i))
    return inputs, samples


@pytest.mark.parametrize('scope', ['sample', 'clip'])
def test_prediction_uses_the_pipelines_corruption(scope):
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION, scope=scope,
                              test_drop_ratio='severe', seed=5)).eval()
    inputs, samples = batch()
    out = model(inputs, samples, mode='predict')
    transform = TemporalCorruption('severe', test_mode=True, seed=5,
                                   scope=scope)
    for i, sample in enumerate(out):
        ref = transform(dict(keypoint=np.zeros((1, 8, 17, 2)), clip_len=8,
                             frame_dir=f'v{i}', total_frames=30,
                             frame_inds=np.arange(8) * 3 + i))['frame_mask']
        np.testing.assert_array_equal(sample.frame_mask.numpy(), ref)
        torch.testing.assert_close(sample.gt_skeleton, inputs[i, :, 0, ...,
                                                              :2])


def test_baseline_restorer_keeps_observed_frames():
    """L-R copy: observed frames as observed, each dropped frame the last
    observed one before it (the first observed one at the start)."""
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION,
                              restorer='left_to_right_copy')).eval()
    inputs, samples = batch()
    for out in model(inputs, samples, mode='predict'):
        keep = out.frame_mask[0].bool().numpy()
        gt, pred = out.gt_skeleton[0], out.pred_skeleton[0]
        assert 0 < keep.sum() < len(keep)
        observed = np.flatnonzero(keep)
        for t in range(len(keep)):
            before = observed[observed <= t]
            source = before[-1] if len(before) else observed[0]
            torch.testing.assert_close(pred[t], gt[source])


def test_loss_terms_and_window_check():
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION))
    inputs, _ = batch()
    losses = model(inputs, mode='loss')
    assert set(losses) == {'loss_query'}  # no bank, no prompt loss
    losses['loss_query'].backward()
    with pytest.raises(ValueError, match='at least the completion window'):
        model(batch(frames=6)[0], mode='loss')
    # clips longer than the window (the recognizer's clip_len) train too
    assert torch.isfinite(model(batch(frames=20)[0],
                                mode='loss')['loss_query'])


def test_long_training_clips_start_windows_from_the_clip_interpolation():
    """T > window: the completed window is a run of the clip with its own
    keep mask, its dropped frames started from the interpolation of the
    whole corrupted clip, cut at the same frames."""
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION))
    inputs = torch.arange(20.).reshape(1, 1, 1, 20, 1, 1).expand(
        4, 1, 1, 20, 17, 3).contiguous()  # every coordinate its frame index
    inputs = inputs + torch.rand(4, 1, 1, 20, 17, 3) * 0.1
    seen = {}
    clip_prior = model.completion.clip_prior
    complete = model.completion.complete_windows

    def prior_spy(seq, keep):
        seen['prior'] = clip_prior(seq, keep)
        seen['clip_keep'] = keep
        return seen['prior']

    def complete_spy(corrupt, keep, ids=None, rng=None, start=None):
        seen.update(corrupt=corrupt, keep=keep, start=start)
        return complete(corrupt, keep, ids, rng, start)

    model.completion.clip_prior = prior_spy
    model.completion.complete_windows = complete_spy
    model(inputs, mode='loss')
    clips = inputs[:, 0, 0, ..., :2]
    for i in range(4):
        frames = seen['corrupt'][i, :, 0, 0].round()
        kept = seen['keep'][i].bool()
        rows = frames[kept].long()  # the kept frames carry their index
        first = int(rows[0]) - int(np.flatnonzero(kept.numpy())[0])
        rows = torch.arange(first, first + 8)
        assert 0 <= first <= 12
        torch.testing.assert_close(seen['keep'][i],
                                   seen['clip_keep'][i, rows])
        torch.testing.assert_close(seen['start'][i], seen['prior'][i, rows])
        torch.testing.assert_close(seen['corrupt'][i][kept],
                                   clips[i, rows][kept])
        assert (seen['corrupt'][i][~kept] == 0).all()


def test_the_pretraining_clip_length_travels_and_a_mismatch_is_warned():
    """The completion keeps the clip length it was pre-trained on in its
    checkpoint; restoring clips of another length (another frame rate)
    warns once; checkpoints from before it load without it."""
    import warnings
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION))
    model(batch(frames=20)[0], mode='loss')
    assert model.completion.clip_len == 20
    fresh = MODELS.build(COMPLETION).eval()
    fresh.load_state_dict(model.completion.state_dict())
    assert fresh.clip_len == 20
    seq, keep = torch.rand(2, 20, 17, 2), torch.ones(2, 20)
    keep[:, 3] = 0
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        fresh(seq, keep)  # the frame rate it learnt: no warning
    with pytest.warns(UserWarning, match='pre-trained on 20-frame clips'):
        fresh(seq[:, :16], keep[:, :16])
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        fresh(seq[:, :16], keep[:, :16])  # once
    state = fresh.state_dict()
    old = json.loads(bytes(state['_extra_state'].tolist()).decode())
    del old['clip_len']
    state['_extra_state'] = torch.tensor(list(json.dumps(old).encode()),
                                         dtype=torch.uint8)
    older = MODELS.build(COMPLETION)
    older.load_state_dict(state)
    assert older.clip_len is None


def test_training_windows_are_cut_where_a_frame_was_kept():
    """One window per clip, consecutive frames, each holding a kept frame,
    every such start drawn; a clip of the window is kept whole without
    consuming random numbers."""
    masks = np.zeros((2, 20))
    masks[0, [2, 17]] = 1  # windows of 8 from 0..2 and 10..12 hold one
    masks[1, 10] = 1  # windows from 3..10
    rng = np.random.default_rng(0)
    starts = [set(), set()]
    for _ in range(300):
        rows = observed_windows(masks, 8, rng)
        assert rows.shape == (2, 8)
        assert (np.diff(rows, axis=1) == 1).all()
        assert (np.take_along_axis(masks, rows, 1).sum(1) > 0).all()
        for i in range(2):
            starts[i].add(int(rows[i, 0]))
    assert starts == [{0, 1, 2, 10, 11, 12}, set(range(3, 11))]
    state = rng.bit_generator.state
    np.testing.assert_array_equal(
        observed_windows(masks[:, :8], 8, rng), [list(range(8))] * 2)
    assert rng.bit_generator.state == state


@pytest.mark.parametrize('prior', ['bank_mean', 'interpolation'])
def test_eq14_values_with_a_bank(tmp_path, prior):
    """A static pose is restored exactly by either prior, so a constant
    residual ``c`` (in normalised units) gives both terms of Eq. 14 in
    closed form: ``c^2 scale^2`` of the query and of the prompt."""
    pose = np.random.default_rng(1).normal(size=(17, 2))
    write_bank(tmp_path / 'bank.pkl', windows=np.stack(
        [np.broadcast_to(pose * 3 + 1, (8, 17, 2))] * 2), ids=[11, 12])
    model = MODELS.build(dict(
        type='SkeletonCompletionModel',
        completion=dict(type='ContextAwareCompletion', layout='coco17',
                        num_joints=17, coord_dims=2, window=8, num_blocks=2,
                        prior=prior, bank_file=str(tmp_path / 'bank.pkl'))))
    head = model.completion.network.head
    torch.nn.init.zeros_(head.weight)
    torch.nn.init.constant_(head.bias, 0.1)
    gt = torch.as_tensor(np.broadcast_to(pose * 0.5 - 2, (8, 17, 2)).copy(),
                         dtype=torch.float32)
    inputs = torch.cat([gt, torch.ones(8, 17, 1)], -1)[None, None, None]
    sample = ActionDataSample()
    sample.set_metainfo(dict(frame_dir='query'))
    losses = model(inputs.expand(3, -1, -1, -1, -1, -1), [sample] * 3,
                   mode='loss')
    _, q_scale = frame_of_reference(gt[None], torch.ones(1, 8))
    bank = model.completion.bank_windows
    _, p_scale = frame_of_reference(bank[:1], torch.ones(1, 8))
    torch.testing.assert_close(losses['loss_query'],
                               (0.1 * q_scale).squeeze()**2)
    torch.testing.assert_close(losses['loss_prompt'],
                               (0.1 * p_scale).squeeze()**2)


def test_missing_meta_keys_are_named():
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION)).eval()
    inputs, samples = batch()
    samples[0].set_metainfo(dict(frame_dir='v0'))
    del samples[0].frame_inds
    with pytest.raises(ValueError, match="frame_inds"):
        model(inputs, samples, mode='predict')


def test_prior_restorer_keeps_observed_frames():
    """The interpolation prior alone: observed frames as observed, dropped
    ones linearly interpolated in time (held at the ends), per coordinate
    as ``np.interp`` does it."""
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION, restorer='prior',
                              test_drop_ratio='moderate')).eval()
    inputs, samples = batch()
    for out in model(inputs, samples, mode='predict'):
        keep = out.frame_mask[0].bool().numpy()
        gt = out.gt_skeleton[0].numpy()
        assert 0 < keep.sum() < len(keep)
        t = np.arange(len(keep))
        expected = np.apply_along_axis(
            lambda x: np.interp(t, t[keep], x[keep]), 0, gt)
        np.testing.assert_allclose(out.pred_skeleton[0].numpy(), expected,
                                   rtol=1e-5, atol=1e-5)


def test_unknown_restorer():
    with pytest.raises(ValueError, match='unknown restorer'):
        MODELS.build(dict(type='SkeletonCompletionModel',
                          completion=COMPLETION, restorer='magic'))


def test_pretraining_with_a_bank_needs_the_sample_names(tmp_path):
    write_bank(tmp_path / 'bank.pkl')
    model = MODELS.build(dict(
        type='SkeletonCompletionModel',
        completion=dict(COMPLETION, bank_file=str(tmp_path / 'bank.pkl'))))
    inputs, _ = batch()
    with pytest.raises(ValueError, match="frame_dir.*own clip"):
        model(inputs, mode='loss')
    named = []
    for i in range(len(inputs)):
        sample = ActionDataSample()
        sample.set_metainfo(dict(frame_dir=f'v{i}'))
        named.append(sample)
    assert 'loss_prompt' in model(inputs, named, mode='loss')


@pytest.mark.parametrize('use_prompt', [True, False])
def test_a_model_trained_without_prompts_is_evaluated_without(tmp_path,
                                                              use_prompt):
    """Table 8's "w/o ICL" model (``use_prompt=False``) restores without a
    prompt under either restorer name; a prompted model differs from
    itself with the prompt removed."""
    write_bank(tmp_path / 'bank.pkl', n=20, ids=np.arange(20) + 100)
    completion = dict(COMPLETION, bank_file=str(tmp_path / 'bank.pkl'),
                      use_prompt=use_prompt)
    outputs = {}
    for restorer in ('completion', 'completion_no_prompt'):
        torch.manual_seed(0)
        model = MODELS.build(dict(type='SkeletonCompletionModel',
                                  completion=completion, restorer=restorer,
                                  test_drop_ratio='severe')).eval()
        for param in model.completion.network.parameters():
            torch.nn.init.normal_(param, std=0.1)  # frames mix
        inputs, samples = batch()
        outputs[restorer] = torch.stack([
            s.pred_skeleton for s in model(inputs, samples, mode='predict')])
    same = torch.allclose(outputs['completion'],
                          outputs['completion_no_prompt'])
    assert same != use_prompt
