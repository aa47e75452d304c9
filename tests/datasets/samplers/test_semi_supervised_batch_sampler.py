from unittest import mock

import pytest
from mmengine.dataset import ConcatDataset, DefaultSampler
from mmengine.runner import Runner

from mmfine.datasets.samplers import SemiSupervisedBatchSampler


class Sized:

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class IndexConcat(ConcatDataset):
    """``[labelled, unlabelled]`` whose items are their own indices."""

    def __init__(self, labeled, unlabeled):
        self.datasets = [Sized(labeled), Sized(unlabeled)]

    def __len__(self):
        return sum(len(d) for d in self.datasets)

    def __getitem__(self, index):
        return index


def batch_sampler_for(rank, world, labeled=12, unlabeled=48, **kwargs):
    with mock.patch('mmengine.dataset.sampler.get_dist_info',
                    return_value=(rank, world)), mock.patch(
                        'mmfine.datasets.samplers.semi_supervised_batch_'
                        'sampler.get_dist_info',
                        return_value=(rank, world)):
        sampler = DefaultSampler(IndexConcat(labeled, unlabeled), seed=3)
        return SemiSupervisedBatchSampler(sampler, batch_size=8, **kwargs)


def epoch_batches(batch_sampler, epoch):
    batch_sampler.sampler.set_epoch(epoch)
    return list(batch_sampler)


@pytest.mark.parametrize('epoch_length', ['labeled', 'unlabeled'])
def test_each_sample_of_the_epoch_set_is_visited_once_over_two_ranks(
        epoch_length):
    # 12 labelled and 48 unlabelled: 2 + 6 per batch, 2 ranks; an epoch
    # over the labelled set is 3 batches per rank, over the unlabelled 4
    seen = {0: [], 1: []}
    for rank in (0, 1):
        bs = batch_sampler_for(rank, 2, epoch_length=epoch_length)
        batches = epoch_batches(bs, 1)
        assert len(batches) == len(bs) == \
            (3 if epoch_length == 'labeled' else 4)
        for batch in batches:
            assert len(batch) == 8
            assert all(i < 12 for i in batch[:2])  # labelled first, 1:3
            assert all(i >= 12 for i in batch[2:])
            seen[0] += batch[:2]
            seen[1] += batch[2:]
    epoch_set = seen[0] if epoch_length == 'labeled' else seen[1]
    full = range(12) if epoch_length == 'labeled' else range(12, 60)
    assert sorted(epoch_set) == list(full)  # every one, exactly once
    if epoch_length == 'labeled':  # 36 unlabelled drawn of 48: no repeat
        assert len(seen[1]) == len(set(seen[1])) == 36
    else:  # 16 labelled draws: one whole pass over the 12, then 4 more
        assert sorted(set(seen[0])) == list(range(12))
        assert len(seen[0]) == 16


def test_warmup_batches_hold_only_their_labelled_clips():
    bs = batch_sampler_for(0, 1, warmup_epochs=2)
    warm, after = epoch_batches(bs, 1), epoch_batches(bs, 2)
    assert len(warm) == len(after) == 6  # the loop's length holds
    assert all(len(b) == 2 and max(b) < 12 for b in warm)
    assert all(len(b) == 8 for b in after)
    again = batch_sampler_for(0, 1, warmup_epochs=2)
    assert epoch_batches(again, 1) == warm  # the seed and epoch decide
    assert epoch_batches(again, 2) == after
    assert epoch_batches(again, 3) != after


def test_warmup_in_iterations_counts_batches_over_epochs():
    bs = batch_sampler_for(0, 1, warmup_iters=8)  # 6 batches per epoch
    sizes = [len(b) for e in (0, 1) for b in epoch_batches(bs, e)]
    assert sizes == [2] * 8 + [8] * 4


def test_mmengine_builds_it_as_the_batch_sampler_of_a_dataloader():
    loader = Runner.build_dataloader(
        dict(
            dataset=IndexConcat(12, 48),
            batch_size=8,
            num_workers=0,
            sampler=dict(type='DefaultSampler', shuffle=True),
            batch_sampler=dict(
                type='SemiSupervisedBatchSampler', warmup_epochs=1)),
        seed=0)
    assert isinstance(loader.batch_sampler, SemiSupervisedBatchSampler)
    assert [len(b) for b in loader] == [2] * 6
    loader.batch_sampler.sampler.set_epoch(1)  # what mmengine's loop does
    assert [len(b) for b in loader] == [8] * 6


def test_bad_settings_are_refused_with_the_reason():
    sampler = DefaultSampler(IndexConcat(12, 48), seed=0)
    with pytest.raises(ValueError, match='split exactly'):
        SemiSupervisedBatchSampler(sampler, batch_size=6)
    with pytest.raises(ValueError, match='each at least 1'):
        SemiSupervisedBatchSampler(sampler, 8, source_ratio=(0, 4))
    with pytest.raises(ValueError, match='epoch_length'):
        SemiSupervisedBatchSampler(sampler, 8, epoch_length='both')
    with pytest.raises(ValueError, match='does not fill one batch'):
        SemiSupervisedBatchSampler(
            DefaultSampler(IndexConcat(1, 48), seed=0), 8)
    with pytest.raises(ValueError, match='empty source'):
        SemiSupervisedBatchSampler(
            DefaultSampler(IndexConcat(12, 0), seed=0), 8,
            epoch_length='labeled')
    with pytest.raises(TypeError, match='ConcatDataset'):
        SemiSupervisedBatchSampler(DefaultSampler(list(range(8)), seed=0), 8)
    with pytest.raises(TypeError, match=r"lacks \['dataset'"):
        SemiSupervisedBatchSampler(range(8), 8)
