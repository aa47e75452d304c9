import numpy as np
import pytest

from mmfine.datasets.transforms import TemporalCorruption
from mmfine.testing import sampled


def clip(frames=16, clips=1, name='v0'):
    kp = np.arange(clips * frames, dtype=np.float32)[None, :, None, None] + 1
    kp = np.broadcast_to(kp, (1, clips * frames, 17, 2)).copy()
    return dict(keypoint=kp, keypoint_score=np.ones((1, clips * frames, 17),
                                                    np.float32),
                clip_len=frames, num_clips=clips, frame_dir=name)


@pytest.mark.parametrize('level,dropped', [('minor', 4), ('moderate', 8),
                                           ('severe', 12), (0.3, 5)])
def test_drops_the_ratio_keeps_order_and_zeroes(level, dropped):
    out = TemporalCorruption(level)(clip())
    keep = out['frame_mask'][0] > 0
    assert (~keep).sum() == dropped
    frames = out['keypoint'][0, :, 0, 0]
    np.testing.assert_array_equal(frames[keep], np.flatnonzero(keep) + 1)
    assert (frames[~keep] == 0).all()
    assert (out['keypoint_score'][0, ~keep] == 0).all()


def test_test_mode_is_reproducible_per_sample():
    make = lambda: TemporalCorruption('severe', test_mode=True, seed=3)  # noqa
    a = make()(clip(name='a'))['frame_mask']
    np.testing.assert_array_equal(a, make()(clip(name='a'))['frame_mask'])
    assert not np.array_equal(a, make()(clip(name='b'))['frame_mask'])
    other_seed = TemporalCorruption('severe', test_mode=True, seed=4)
    assert not np.array_equal(a, other_seed(clip(name='a'))['frame_mask'])


def test_training_mode_is_random():
    t = TemporalCorruption('moderate')
    masks = {t(clip())['frame_mask'].tobytes() for _ in range(10)}
    assert len(masks) > 1


def test_compact_moves_kept_frames_to_the_front_in_order():
    inplace = TemporalCorruption('moderate', test_mode=True)(clip())
    compact = TemporalCorruption('moderate', test_mode=True,
                                 pad='compact')(clip())
    kept = inplace['keypoint'][0, inplace['frame_mask'][0] > 0, 0, 0]
    np.testing.assert_array_equal(compact['keypoint'][0, :8, 0, 0], kept)
    assert (compact['keypoint'][0, 8:] == 0).all()
    np.testing.assert_array_equal(compact['frame_mask'][0],
                                  [1] * 8 + [0] * 8)


def test_clip_scope_corrupts_each_clip_on_its_own():
    out = TemporalCorruption('severe', test_mode=True,
                             scope='clip')(clip(clips=3))
    assert out['frame_mask'].shape == (3, 16)
    assert (out['frame_mask'].sum(1) == 4).all()
    assert len({m.tobytes() for m in out['frame_mask']}) == 3


@pytest.mark.parametrize('bad', [1.0, -0.1, 'extreme', []])
def test_bad_ratios_are_refused(bad):
    with pytest.raises(ValueError):
        TemporalCorruption(bad)


def test_placed_before_sampling_is_a_clear_error():
    results = clip()
    results['clip_len'] = 10
    with pytest.raises(ValueError, match='after UniformSampleFrames'):
        TemporalCorruption()(results)


@pytest.mark.parametrize('level', ['minor', 'moderate', 'severe'])
def test_sample_scope_union_of_all_test_clips_is_the_kept_frames(level):
    """The protocol's invariant: at ratio r, the ten test clips together
    see no more than round((1 - r) * T) distinct frames, and every clip
    misses the same frames."""
    total = 60
    kept_max = total - round(TemporalCorruption.resolve_ratio(level) * total)
    for name in ('a', 'b', 'c'):
        out = TemporalCorruption(level, test_mode=True)(sampled(total,
                                                                name=name))
        frames = out['keypoint'][0, :, 0, 0]
        visible = set(frames[frames > 0].astype(int).tolist())
        assert 0 < len(visible) <= kept_max
        # a timeline frame is visible in every clip or in none
        inds = out['frame_inds'].reshape(10, 16)
        mask = out['frame_mask'] > 0
        for frame in np.unique(inds):
            assert len(set(mask[inds == frame].tolist())) == 1
    clip_scope = TemporalCorruption(level, test_mode=True, scope='clip')
    frames = clip_scope(sampled(total, name='a'))['keypoint'][0, :, 0, 0]
    if level == 'severe':  # the old protocol let most frames through
        assert len(set(frames[frames > 0].tolist())) > kept_max


def test_sample_scope_compact_keeps_each_clips_frames_in_order():
    inplace = TemporalCorruption('moderate', test_mode=True)(sampled())
    compact = TemporalCorruption('moderate', test_mode=True,
                                 pad='compact')(sampled())
    for c in range(10):
        seg = slice(16 * c, 16 * c + 16)
        keep = inplace['frame_mask'][c] > 0
        kept = inplace['keypoint'][0, seg, 0, 0][keep]
        n = keep.sum()
        np.testing.assert_array_equal(compact['keypoint'][0, seg, 0, 0][:n],
                                      kept)
        assert (compact['keypoint'][0, seg][n:] == 0).all()
        np.testing.assert_array_equal(compact['frame_mask'][c],
                                      [1] * n + [0] * (16 - n))


def test_identical_drops_for_two_different_models():
    """The three demo methods, loaded as the tools load them (ST-GCN on
    interpolated input with its restorer), see every test sample with the
    same frames dropped and the same kept frames; only the restorer fills
    the dropped ones. A sample's drops depend on the sample alone (not on
    which samples the dataset holds or in what order), so any two runs see
    the same frames."""
    import os.path as osp
    import pickle
    import tempfile

    from mmengine.registry import init_default_scope

    from mmaction.registry import DATASETS
    from mmfine.testing import ROOT, tiny_skeleton_data
    from mmfine.utils import load_config

    init_default_scope('mmaction')

    def test_items(name, ann):
        cfg = load_config(osp.join(
            ROOT, 'configs', 'demo', f'{name}_1xb32-10e_fine-skeleton-'
            'coco17-2d-corrupted.py'))
        cfg.test_dataloader.dataset.ann_file = ann
        dataset = DATASETS.build(cfg.test_dataloader.dataset)
        items = [dataset[i] for i in range(len(dataset))]
        return {
            item['data_samples'].metainfo['frame_dir']:
            (item['data_samples'].frame_mask, item['inputs'].numpy())
            for item in items
        }

    with tempfile.TemporaryDirectory() as tmp:
        ann = tiny_skeleton_data(osp.join(tmp, 'data.pkl'))
        runs = [test_items(name, ann)
                for name in ('stgcn', 'stgcn-interp', 'finetec_stgcn')]
        with open(ann, 'rb') as f:
            data = pickle.load(f)
        data['annotations'] = data['annotations'][::-1]
        data['split']['test'] = data['split']['test'][::-1][:5]
        with open(osp.join(tmp, 'other.pkl'), 'wb') as f:
            pickle.dump(data, f)
        runs.append(test_items('stgcn', osp.join(tmp, 'other.pkl')))
    assert len(runs[-1]) == 5
    for other in runs[1:]:
        for name, (mask, inputs) in other.items():
            ref_mask, ref_inputs = runs[0][name]
            np.testing.assert_array_equal(mask, ref_mask)
            kept = mask.astype(bool)  # (clips, frames)
            np.testing.assert_allclose(inputs[:, 0][kept],
                                       ref_inputs[:, 0][kept], rtol=1e-6)
    for name, (mask, inputs) in runs[0].items():
        dropped = ~mask.astype(bool)
        assert not inputs[:, 0][dropped].any()  # ST-GCN: zeros
        assert np.abs(runs[1][name][1][:, 0][dropped]).sum(-1).all()  # filled
    first = [mask for mask, _ in runs[0].values()]
    dropped = 1 - np.mean(first)
    assert 0.3 < dropped < 0.7  # 'moderate' by default: half of the frames
    assert any(not np.array_equal(first[0], m) for m in first[1:])


def test_frame_indices_outside_the_timeline_are_named():
    results = sampled(total=20)
    results['total_frames'] = 10
    with pytest.raises(ValueError, match='v0: frame indices'):
        TemporalCorruption()(results)
