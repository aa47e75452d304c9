import pickle

import numpy as np
import pytest
import torch

from mmfine.models.finetec import ContextAwareCompletion
from mmfine.models.finetec.context_aware_completion import frame_of_reference
from mmfine.structures import linear_interpolation
from mmfine.testing import write_bank


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
    out = module(prior='interpolation')(seq * keep[..., None, None], keep)
    torch.testing.assert_close(out, linear_interpolation(seq * keep[..., None,
                                                                    None],
                                                         keep), atol=0.03,
                               rtol=0)
    observed = keep.bool()
    torch.testing.assert_close(out[observed], seq[observed])


@pytest.mark.parametrize('frames', [5, 8, 21])
def test_any_clip_length(frames):
    """Observed frames come back exactly; a clip shorter than the window is
    the window padded with dropped frames, cut back."""
    m = module()
    seq, keep = corrupted(frames=frames)
    corrupt = seq * keep[..., None, None]
    out = m(corrupt, keep)
    assert out.shape == seq.shape
    assert torch.isfinite(out).all()
    observed = keep.bool()
    torch.testing.assert_close(out[observed], seq[observed], atol=0, rtol=0)
    assert not torch.allclose(out[~observed], corrupt[~observed])
    if frames < 8:
        pad = 8 - frames
        padded = m(torch.cat([corrupt, corrupt.new_zeros(3, pad, 17, 2)], 1),
                   torch.cat([keep, keep.new_zeros(3, pad)], 1))
        torch.testing.assert_close(out, padded[:, :frames])


def test_centred_windows_make_the_completion_equivariant(tmp_path):
    """With ``centre_windows`` the network sees each window in its own
    frame, so moving and scaling the person moves and scales the
    completion; without, it sees image coordinates and does not."""
    write_bank(tmp_path / 'bank.pkl')
    seq, keep = corrupted()
    corrupt = seq * keep[..., None, None]
    shift = torch.tensor([40.0, -25.0])
    moved = (seq * 3 + shift) * keep[..., None, None]
    for centre in (True, False):
        m = module(bank_file=str(tmp_path / 'bank.pkl'),
                   centre_windows=centre)
        torch.nn.init.normal_(m.network.head.weight, std=0.1)
        out, out_moved = m(corrupt, keep), m(moved, keep)
        close = torch.allclose(out * 3 + shift, out_moved, atol=1e-3)
        assert close == centre
    with pytest.raises(ValueError, match='centre_windows'):
        module(prior='bank_mean', centre_windows=False)


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


def test_a_clip_with_every_frame_dropped_is_left_as_it_is():
    seq, keep = corrupted()
    keep[1] = 0
    corrupt = seq * keep[..., None, None]
    out = module()(corrupt, keep)
    assert out[1].eq(0).all()
    torch.testing.assert_close(out[[0, 2]], module()(corrupt[[0, 2]],
                                                     keep[[0, 2]]))


def normalised(x, keep):
    centre, scale = frame_of_reference(x, keep)
    return (x - centre) / scale


def test_prompt_is_the_nearest_bank_window_in_its_own_frame(tmp_path):
    windows = write_bank(tmp_path / 'bank.pkl')
    m = module(bank_file=str(tmp_path / 'bank.pkl'))
    target = torch.as_tensor(windows[7], dtype=torch.float32)[None]
    keep = torch.zeros(1, 8)
    keep[0, :3] = 1
    # the same motion elsewhere in the image and twice as large
    query = target * 2 + torch.tensor([5.0, -3.0])
    query[:, 3:] = 99  # far away, but on dropped frames
    _, prompt = m.complete_windows(query, keep)
    torch.testing.assert_close(prompt['context'], target)
    # never from the query's own sample
    _, prompt = m.complete_windows(query, keep, torch.tensor([7]))
    assert not torch.equal(prompt['context'], target)


def test_retrieval_ranks_like_a_brute_force_search(tmp_path):
    windows = write_bank(tmp_path / 'bank.pkl', n=50, ids=np.arange(50) % 10)
    m = module(bank_file=str(tmp_path / 'bank.pkl'))
    seq, keep = corrupted(n=6)
    query = normalised(seq * keep[..., None, None], keep) * keep[..., None,
                                                                 None]
    own = torch.tensor([0, 3, 3, 9, 5, 1])
    got = m.retrieve(query, keep, own)
    bank = normalised(torch.as_tensor(windows, dtype=torch.float32),
                      torch.ones(50, 8)).numpy()
    dist = (((query.numpy()[:, None] - bank[None])**2).sum((3, 4)) *
            keep.numpy()[:, None]).sum(2)  # query, bank window
    dist[own.numpy()[:, None] == np.arange(50)[None] % 10] = np.inf
    np.testing.assert_allclose(got.numpy(), windows[dist.argmin(1)],
                               rtol=1e-6)


def test_a_draw_from_the_whole_bank_never_returns_the_own_sample(tmp_path):
    """``retrieve_k`` above the bank's size draws a training prompt from
    every window of the other samples (the paper's random bank sequence),
    never from the query's own."""
    windows = write_bank(tmp_path / 'bank.pkl', n=12, ids=np.arange(12) % 4)
    m = module(bank_file=str(tmp_path / 'bank.pkl'), retrieve_k=1000)
    seq, keep = corrupted(n=2)
    query = normalised(seq * keep[..., None, None], keep) * keep[..., None,
                                                                 None]
    rng = np.random.default_rng(0)
    drawn = set()
    for _ in range(200):
        got = m.retrieve(query, keep, torch.tensor([1, 1]), rng).numpy()
        for window in got:
            index = np.flatnonzero(
                np.abs(windows - window).reshape(12, -1).max(1) < 1e-6)
            drawn.update(index.tolist())
    assert drawn == {i for i in range(12) if i % 4 != 1}
    # a query with fewer other-sample windows than k draws among those
    small = write_bank(tmp_path / 'small.pkl', n=4, ids=np.array([5, 5, 5, 6]))
    m = module(bank_file=str(tmp_path / 'small.pkl'), retrieve_k=3)
    for _ in range(20):
        got = m.retrieve(query, keep, torch.tensor([5, 6]), rng).numpy()
        np.testing.assert_allclose(got[0], small[3])
    # a bank of the query's own windows only is an error, not a prompt
    write_bank(tmp_path / 'own.pkl', n=4, ids=np.array([6, 6, 6, 6]))
    m = module(bank_file=str(tmp_path / 'own.pkl'))
    with pytest.raises(ValueError, match=r'another sample than \[6\]'):
        m.retrieve(query, keep, torch.tensor([5, 6]))


def test_bank_mean_prior_is_the_average_normalised_window(tmp_path):
    windows = write_bank(tmp_path / 'bank.pkl', n=5)
    m = module(bank_file=str(tmp_path / 'bank.pkl'), prior='bank_mean')
    bank = torch.as_tensor(windows, dtype=torch.float32)
    torch.testing.assert_close(m.bank_prior,
                               normalised(bank, torch.ones(5, 8)).mean(0))
    # an untrained network returns the prior, placed and scaled by the
    # query's observed frames, on the dropped frames
    torch.nn.init.zeros_(m.network.head.weight)
    seq, keep = corrupted(n=2)
    corrupt = seq * keep[..., None, None]
    out = m(corrupt, keep)
    centre, scale = frame_of_reference(corrupt, keep)
    expected = m.bank_prior * scale + centre
    dropped = keep == 0
    torch.testing.assert_close(out[dropped], expected.expand_as(out)[dropped])
    torch.testing.assert_close(out[~dropped], seq[~dropped])


def test_prior_fill_of_clips_longer_than_the_window(tmp_path):
    """The "prior only" restorer on 20-frame clips (window 8): the whole
    clip's interpolation, or each tile's bank prior placed by the tile's
    own observed frames (tiles at 0, 8 and 12, the last one aligned to the
    end)."""
    seq, keep = corrupted(n=2, frames=20)
    keep[:, 8] = keep[:, 12] = 1  # every tile observed
    corrupt = seq * keep[..., None, None]
    torch.testing.assert_close(
        module(prior='interpolation').prior_fill(corrupt, keep),
        linear_interpolation(corrupt, keep))
    write_bank(tmp_path / 'bank.pkl', n=5)
    m = module(bank_file=str(tmp_path / 'bank.pkl'), prior='bank_mean')
    out = m.prior_fill(corrupt, keep)
    for start, stop in ((0, 8), (8, 12), (12, 20)):
        tile = slice(start, start + 8)  # 12.. from the last tile
        centre, scale = frame_of_reference(corrupt[:, tile], keep[:, tile])
        expected = (m.bank_prior * scale + centre)[:, :stop - start]
        dropped = keep[:, start:stop] == 0
        torch.testing.assert_close(out[:, start:stop][dropped],
                                   expected[dropped])
    observed = keep.bool()
    torch.testing.assert_close(out[observed], seq[observed])


def test_without_prompts_the_bank_is_not_read(tmp_path):
    write_bank(tmp_path / 'bank.pkl')
    m = module(bank_file=str(tmp_path / 'bank.pkl'), use_prompt=False)
    seq, keep = corrupted()
    _, prompt = m.complete_windows(seq * keep[..., None, None], keep)
    assert prompt == {}


def test_long_clips_are_tiled_by_windows(tmp_path):
    """T > window: non-overlapping windows, the last aligned to the end;
    each window is completed as it would be alone, started from the
    interpolation of the whole clip."""
    m = module(prior='interpolation')
    seq, keep = corrupted(n=2, frames=20)
    corrupt = seq * keep[..., None, None]
    out = m(corrupt, keep)
    prior = linear_interpolation(corrupt, keep)
    for start in (0, 8, 12):
        tile = slice(start, start + 8)
        alone = m.complete_windows(corrupt[:, tile], keep[:, tile],
                                   start=prior[:, tile])[0]
        stop = 12 if start == 8 else start + 8  # 12.. from the last window
        torch.testing.assert_close(out[:, start:stop],
                                   alone[:, :stop - start])


def test_a_gap_across_a_window_edge_starts_between_its_neighbours():
    """Frames 5-10 dropped across the edge of two 8-frame windows of a
    joint moving at constant speed: the tiles start from the whole clip's
    interpolation (exact here), not from each window's own, which would
    hold the gap at the last observed frame of each window."""
    m = module(prior='interpolation')
    t = torch.arange(16.).reshape(1, 16, 1, 1)
    seq = (torch.randn(1, 1, 17, 2) + t * torch.tensor([0.3, -0.2])).float()
    keep = torch.ones(1, 16)
    keep[:, 5:11] = 0
    corrupt = seq * keep[..., None, None]
    error = (m(corrupt, keep) - seq).norm(dim=-1)[:, 5:11].mean()
    alone = torch.cat([m(corrupt[:, :8], keep[:, :8]),
                       m(corrupt[:, 8:], keep[:, 8:])], 1)
    held = (alone - seq).norm(dim=-1)[:, 5:11].mean()
    assert held > 0.5  # about half the gap's 1.8 travel, on average
    assert error < held / 10


def test_bank_without_sample_ids_is_refused(tmp_path):
    with open(tmp_path / 'bank.pkl', 'wb') as f:
        pickle.dump(dict(windows=np.zeros((3, 8, 17, 2), np.float32),
                         layout='coco17', num_joints=17, coord_dims=2,
                         window=8), f)
    with pytest.raises(ValueError, match='no sample id'):
        module(bank_file=str(tmp_path / 'bank.pkl'))


def test_a_checkpoint_for_another_prior_is_refused():
    state = module(prior='bank_mean').state_dict()
    with pytest.raises(ValueError, match="'prior': 'bank_mean'"):
        module(prior='interpolation').load_state_dict(state)


def test_a_checkpoint_for_other_centring_is_refused_and_old_ones_load():
    state = module(centre_windows=False).state_dict()
    with pytest.raises(ValueError, match="'centre_windows': False"):
        module().load_state_dict(state)
    old = module().state_dict()  # written before the option existed, as
    old['_extra_state'] = module().signature()  # a plain dict then
    old['_extra_state']['prior'] = 'interpolation'
    module().load_state_dict(old)
    with pytest.raises(ValueError, match='centre_windows'):
        module(centre_windows=False).load_state_dict(old)


def test_the_state_is_tensors_only_for_distributed_broadcasts():
    """mmengine broadcasts every state entry when training starts under
    DDP; a string or int in the state stopped ``dist_train.sh``."""
    state = module(prior='bank_mean').state_dict()
    for name, value in state.items():
        assert isinstance(value, torch.Tensor), name
    fresh = module(prior='bank_mean')
    fresh.load_state_dict(state)
    assert fresh.settings()['prior'] == 'bank_mean'


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
    assert fresh.bank_ids.tolist() == list(range(11))
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
    # each mask is one of the strategies' shapes, and every shape occurs
    seen = set()
    for mask, query in zip(masks.numpy() > 0.5, keep.numpy() > 0.5):
        dropped = np.flatnonzero(~mask)
        block = len(dropped) > 0 and np.all(np.diff(dropped) == 1)
        if (mask == query).all():
            seen.add('pattern')
        elif block and dropped[0] == 0:
            seen.add('prefix')
        elif block and dropped[-1] == len(mask) - 1:
            seen.add('suffix')
        elif block:
            seen.add('middle')
        else:
            seen.add('random')
        assert len(dropped) == pytest.approx((~query).sum(), abs=1)
    assert seen == {'pattern', 'prefix', 'suffix', 'middle', 'random'}
