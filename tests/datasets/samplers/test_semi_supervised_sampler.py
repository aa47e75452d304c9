from unittest import mock

import pytest
from mmengine.dataset import ConcatDataset

from mmfine.datasets.samplers import SemiSupervisedSampler


class Sized:

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


def concat(labeled=10, unlabeled=50):
    ds = ConcatDataset.__new__(ConcatDataset)
    ds.datasets = [Sized(labeled), Sized(unlabeled)]
    return ds


def sampler_for(rank, world, **kwargs):
    with mock.patch(
            'mmfine.datasets.samplers.semi_supervised_sampler.get_dist_info',
            return_value=(rank, world)):
        return SemiSupervisedSampler(concat(), batch_size=8, seed=3,
                                     **kwargs)


def test_batch_composition_under_two_ranks():
    batches = {}
    for rank in (0, 1):
        s = sampler_for(rank, 2)
        s.set_epoch(1)
        idx = list(s)
        assert len(idx) == len(s) == 4 * 8  # 25 unlabelled per rank / 6
        batches[rank] = [idx[i:i + 8] for i in range(0, len(idx), 8)]
        for batch in batches[rank]:
            assert all(i < 10 for i in batch[:2])  # 1:3
            assert all(i >= 10 for i in batch[2:])
    unl = [i for r in (0, 1) for b in batches[r] for i in b[2:]]
    assert len(unl) == len(set(unl))  # the ranks never share a sample
    again = sampler_for(0, 2)
    again.set_epoch(1)
    assert [list(again)[i:i + 8] for i in range(0, 32, 8)] == batches[0]
    again.set_epoch(2)
    assert list(again) != [i for b in batches[0] for i in b]


def test_sampler_refuses_a_batch_that_does_not_split():
    with pytest.raises(ValueError, match='split exactly'):
        SemiSupervisedSampler(concat(), batch_size=6, source_ratio=(1, 3),
                              seed=0)
    with pytest.raises(TypeError, match='ConcatDataset'):
        SemiSupervisedSampler(Sized(4), batch_size=8, seed=0)
