import numpy as np
import pytest
import torch

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmfine.datasets.transforms import TemporalCorruption

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
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION,
                              restorer='left_to_right_copy')).eval()
    inputs, samples = batch()
    out = model(inputs, samples, mode='predict')[0]
    keep = out.frame_mask.bool()
    torch.testing.assert_close(out.pred_skeleton[keep],
                               out.gt_skeleton[keep])


def test_loss_terms_and_window_check():
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION))
    inputs, _ = batch()
    losses = model(inputs, mode='loss')
    assert set(losses) == {'loss_query'}  # no bank, no prompt loss
    losses['loss_query'].backward()
    with pytest.raises(ValueError, match='window of 8 frames'):
        model(batch(frames=12)[0], mode='loss')


def test_missing_meta_keys_are_named():
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION)).eval()
    inputs, samples = batch()
    samples[0].set_metainfo(dict(frame_dir='v0'))
    del samples[0].frame_inds
    with pytest.raises(ValueError, match="frame_inds"):
        model(inputs, samples, mode='predict')


def test_prior_restorer_keeps_observed_frames():
    model = MODELS.build(dict(type='SkeletonCompletionModel',
                              completion=COMPLETION, restorer='prior',
                              test_drop_ratio='minor')).eval()
    inputs, samples = batch()
    out = model(inputs, samples, mode='predict')[0]
    keep = out.frame_mask.bool()
    torch.testing.assert_close(out.pred_skeleton[keep],
                               out.gt_skeleton[keep])


def test_unknown_restorer():
    with pytest.raises(ValueError, match='unknown restorer'):
        MODELS.build(dict(type='SkeletonCompletionModel',
                          completion=COMPLETION, restorer='magic'))
