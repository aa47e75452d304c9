import pickle

import numpy as np
import pytest
import torch

from mmfine.models.finetec import ContextAwareCompletion, linear_interpolation


def module(layout='coco17', joints=17, dims=2, **kwargs):
    torch.manual_seed(0)
    return ContextAwareCompletion(layout, joints, dims, window=8,
                                  num_blocks=2, **kwargs).eval()


def corrupted(n=3, frames=8, joints=17, dims=2, seed=0):
    g = torch.Generator().manual_seed(seed)
    seq = torch.randn(n, frames, joints, dims, generator=g)
    keep = (torch.rand(n, frames, generator=g) > 0.5).float()
    keep[:, 0] = 1
    return seq, keep


def test_untrained_module_returns_its_prior_and_the_observed_frames():
    seq, keep = corrupted()
    out = module()(seq * keep[..., None, None], keep)
    torch.testing.assert_close(out, linear_interpolation(seq * keep[..., None,
                                                                    None],
                                                         keep), atol=0.03,
                               rtol=0)
    observed = keep.bool()
    torch.testing.assert_close(out[observed], seq[observed])


@pytest.mark.parametrize('frames', [5, 8, 21])
def test_any_clip_length(frames):
    seq, keep = corrupted(frames=frames)
    out = module()(seq * keep[..., None, None], keep)
    assert out.shape == seq.shape
    assert torch.isfinite(out).all()


def test_absent_persons_and_complete_windows_are_left_as_they_are():
    m = module()
    seq, keep = corrupted(n=3, frames=16)
    keep[2, 8:] = 1  # second window of clip 2 has nothing dropped
    seq = seq * keep[..., None, None]
    seq[1] = 0  # an absent person (MMAction2's zero padding)
    out = m(seq, keep)
    assert out[1].eq(0).all()
    torch.testing.assert_close(out[2, 8:], seq[2, 8:], atol=0, rtol=0)
    alone = m(seq[[0, 2]], keep[[0, 2]])
    torch.testing.assert_close(out[[0, 2]], alone)


def test_every_frame_dropped_is_an_error():
    seq, keep = corrupted()
    keep[1] = 0
    with pytest.raises(ValueError, match='every frame dropped'):
        module()(seq, keep)


def write_bank(path, layout='coco17', joints=17, window=8, n=20):
    windows = np.random.default_rng(0).normal(size=(n, window, joints, 2))
    with open(path, 'wb') as f:
        pickle.dump(dict(windows=windows.astype(np.float32), layout=layout,
                         num_joints=joints, coord_dims=2, window=window), f)
    return windows


def test_prompt_is_the_nearest_bank_window_on_observed_frames(tmp_path):
    windows = write_bank(tmp_path / 'bank.pkl')
    m = module(bank_file=str(tmp_path / 'bank.pkl'))
    target = torch.as_tensor(windows[7], dtype=torch.float32)[None]
    keep = torch.zeros(1, 8)
    keep[0, :3] = 1
    query = target.clone()
    query[:, 3:] = 99  # far away, but on dropped frames
    _, prompt = m.complete_windows(query, keep)
    torch.testing.assert_close(prompt['context'], target)


def test_retrieval_ranks_like_a_brute_force_search(tmp_path):
    windows = write_bank(tmp_path / 'bank.pkl', n=50)
    m = module(bank_file=str(tmp_path / 'bank.pkl'))
    seq, keep = corrupted(n=6)
    got = m._retrieve(seq * keep[..., None, None], keep, rng=None)
    dist = (((seq.numpy()[:, None] - windows[None])**2).sum((3, 4)) *
            keep.numpy()[:, None]).sum(2)  # query, bank window
    np.testing.assert_allclose(got.numpy(), windows[dist.argmin(1)],
                               rtol=1e-6)


def test_bank_for_another_layout_is_refused(tmp_path):
    write_bank(tmp_path / 'bank.pkl', layout='h36m17')
    with pytest.raises(ValueError, match='skeleton bank is for'):
        module(bank_file=str(tmp_path / 'bank.pkl'))


def test_state_carries_the_bank_and_refuses_another_layout(tmp_path):
    write_bank(tmp_path / 'bank.pkl', n=11)
    state = module(bank_file=str(tmp_path / 'bank.pkl')).state_dict()
    fresh = module()
    fresh.load_state_dict(state)
    assert fresh.bank_windows.shape == (11, 8, 17, 2)
    other = module(layout='kinect_v1_20', joints=20, dims=3)
    with pytest.raises((ValueError, RuntimeError), match='completion '
                       'checkpoint is for|size mismatch'):
        other.load_state_dict(state)
    same_shape_other_layout = module(layout='h36m17')
    with pytest.raises(ValueError, match="'layout': 'coco17'"):
        same_shape_other_layout.load_state_dict(state)


def test_training_prompts_use_the_five_strategies(tmp_path):
    write_bank(tmp_path / 'bank.pkl')
    m = module(bank_file=str(tmp_path / 'bank.pkl')).train()
    seq, keep = corrupted(n=64)
    rng = np.random.default_rng(0)
    masks = m._prompt_masks(keep, rng)
    assert masks.shape == keep.shape
    same = (masks == keep).all(1).float().mean()
    assert 0.1 < same < 0.6  # 'pattern' is one strategy in five
