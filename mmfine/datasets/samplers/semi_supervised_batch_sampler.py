"""Batches of labelled and unlabelled clips (1:3) under DDP, with SeFAR's
supervised warm-up."""
import math
from typing import Iterator, List, Optional, Sequence

import torch
from mmengine.dataset import ConcatDataset
from mmengine.dist import get_dist_info
from torch.utils.data import BatchSampler, Sampler

from mmaction.registry import DATA_SAMPLERS

EPOCH_LENGTHS = ('labeled', 'unlabeled')


@DATA_SAMPLERS.register_module()
class SemiSupervisedBatchSampler(BatchSampler):
    """Batches from a ``ConcatDataset`` of ``[labelled, unlabelled]``: each
    holds ``n_l = batch_size r_l / (r_l + r_u)`` labelled samples first,
    then ``batch_size - n_l`` unlabelled ones (default 1:3, the authors' 2 +
    6 per GPU).

    During the supervised warm-up (the first ``warmup_epochs`` epochs, or
    the first ``warmup_iters`` batches) a batch holds its ``n_l`` labelled
    samples only: no unlabelled clip is decoded and then dropped. Every
    epoch has the same number of batches, so the loop's length, the
    labelled clips per optimizer step (``LabeledClipsPerStepHook``) and
    the schedules hold in both phases.

    An epoch is one pass over the labelled set (``epoch_length='labeled'``,
    the authors'), as over the labelled list of a supervised run: each rank
    takes every ``world_size``-th sample of a shuffled order, the last
    incomplete batch dropped; the unlabelled samples come from fresh
    shuffled passes over their set, so that each is drawn at most once per
    epoch when the set is large enough and cycled otherwise. With
    ``epoch_length='unlabeled'`` the roles swap. The ranks never share a
    sample within a pass. The order depends on the seed and the epoch only,
    so every rank agrees on it and resuming reproduces it.

    Use it as the dataloader's ``batch_sampler``; mmengine hands it the
    ``sampler`` (a ``DefaultSampler`` on the ``ConcatDataset``), whose
    dataset, ``shuffle``, ``seed`` and epoch (set by the loop) it follows,
    and the dataloader's ``batch_size``.

    Args:
        sampler (Sampler): The dataloader's sampler, with ``dataset``,
            ``shuffle``, ``seed`` and ``epoch`` (mmengine's
            ``DefaultSampler``).
        batch_size (int): Samples per batch after the warm-up; it must
            split exactly in ``source_ratio``.
        source_ratio (Sequence[int]): ``(r_l, r_u)``, labelled to
            unlabelled samples per batch, each at least 1. Defaults to
            ``(1, 3)``.
        epoch_length (str): ``'labeled'`` or ``'unlabeled'``: the set that
            one epoch passes over. Defaults to ``'labeled'``.
        warmup_epochs (int): Epochs of labelled-only batches; the same as
            the model's (``SeFARRecognizer`` refuses a labelled-only batch
            after its own warm-up). Defaults to 0.
        warmup_iters (int, optional): The warm-up in batches instead, for
            iteration-based loops (the batch's index counts over epochs).
            Defaults to None.
    """

    def __init__(self,
                 sampler: Sampler,
                 batch_size: int,
                 source_ratio: Sequence[int] = (1, 3),
                 epoch_length: str = 'labeled',
                 warmup_epochs: int = 0,
                 warmup_iters: Optional[int] = None) -> None:
        missing = [
            a for a in ('dataset', 'shuffle', 'seed', 'epoch')
            if not hasattr(sampler, a)
        ]
        if missing:
            raise TypeError(
                f'SemiSupervisedBatchSampler follows a sampler with dataset, '
                f'shuffle, seed and epoch (mmengine DefaultSampler); '
                f'{type(sampler).__name__} lacks {missing}')
        dataset = sampler.dataset
        if not isinstance(dataset, ConcatDataset) or \
                len(dataset.datasets) != 2:
            raise TypeError('SemiSupervisedBatchSampler needs a '
                            'ConcatDataset of [labelled, unlabelled] datasets')
        if len(source_ratio) != 2 or min(source_ratio) < 1:
            raise ValueError(f'source_ratio must be (labelled, unlabelled), '
                             f'each at least 1, got {tuple(source_ratio)}')
        ratio_sum = sum(source_ratio)
        if batch_size % ratio_sum:
            raise ValueError(f'batch_size {batch_size} must split exactly in '
                             f'the ratio {tuple(source_ratio)}')
        if epoch_length not in EPOCH_LENGTHS:
            raise ValueError(f'epoch_length must be one of {EPOCH_LENGTHS}, '
                             f'got {epoch_length!r}')
        self.sampler = sampler
        self.rank, self.world_size = get_dist_info()
        self.sizes = [len(d) for d in dataset.datasets]
        if min(self.sizes) == 0:
            raise ValueError(f'empty source in the semi-supervised dataset '
                             f'(sizes {self.sizes})')
        self.batch_size = batch_size
        self.num_labeled = batch_size * source_ratio[0] // ratio_sum
        self.num_unlabeled = batch_size - self.num_labeled
        self.warmup_epochs, self.warmup_iters = warmup_epochs, warmup_iters
        self.epoch_length = epoch_length
        source = EPOCH_LENGTHS.index(epoch_length)
        per_rank = self.sizes[source] // self.world_size
        per_batch = (self.num_labeled, self.num_unlabeled)[source]
        if per_rank < per_batch:
            raise ValueError(
                f'the {epoch_length} set ({self.sizes[source]} samples over '
                f'{self.world_size} ranks) does not fill one batch of '
                f'{per_batch}')
        self.num_batches = per_rank // per_batch

    def _order(self, source: int, count: int, salt: int) -> torch.Tensor:
        """``count`` indices of this rank into ``source``, cycling through
        reshuffled passes."""
        size = self.sizes[source]
        needed = count * self.world_size
        orders = []
        for p in range(math.ceil(needed / size)):
            g = torch.Generator().manual_seed(self.sampler.seed +
                                              1000003 * self.sampler.epoch +
                                              7919 * p + salt)
            orders.append(
                torch.randperm(size, generator=g) if self.sampler.
                shuffle else torch.arange(size))
        order = torch.cat(orders)[:needed]
        return order[self.rank::self.world_size]

    def in_warmup(self, batch: int) -> bool:
        """Whether this epoch's ``batch``-th batch is a warm-up one."""
        if self.warmup_iters is not None:
            return self.sampler.epoch * self.num_batches + batch < \
                self.warmup_iters
        return self.sampler.epoch < self.warmup_epochs

    def __iter__(self) -> Iterator[List[int]]:
        labeled = self._order(0, self.num_batches * self.num_labeled, 0)
        unlabeled = self._order(1, self.num_batches * self.num_unlabeled,
                                1) + self.sizes[0]
        for b in range(self.num_batches):
            batch = labeled[b * self.num_labeled:(b + 1) *
                            self.num_labeled].tolist()
            if not self.in_warmup(b):
                batch += unlabeled[b * self.num_unlabeled:(b + 1) *
                                   self.num_unlabeled].tolist()
            yield batch

    def __len__(self) -> int:
        return self.num_batches
