"""Batches with a fixed labelled:unlabelled composition under DDP."""
import math
from typing import Iterator, Optional, Sequence

import torch
from mmengine.dataset import ConcatDataset
from mmengine.dist import get_dist_info, sync_random_seed
from torch.utils.data import Sampler

from mmaction.registry import DATA_SAMPLERS


@DATA_SAMPLERS.register_module()
class SemiSupervisedSampler(Sampler):
    """Indices into a ``ConcatDataset`` of ``[labelled, unlabelled]`` such
    that every batch of ``batch_size`` holds ``batch_size * r_l / (r_l +
    r_u)`` labelled samples first, then the unlabelled ones (default 1:3).

    An epoch is one pass over the unlabelled set (each rank takes every
    ``world_size``-th sample of a shuffled order, as MMAction2's
    ``DefaultSampler``); the smaller labelled set is reshuffled and cycled
    as often as needed. The order depends on ``seed`` and the epoch only
    (``set_epoch``), so every rank agrees on it and resuming reproduces it.

    Use it with ``batch_size`` equal to the dataloader's.

    Args:
        dataset (ConcatDataset): The ``[labelled, unlabelled]`` datasets,
            neither empty.
        batch_size (int): Samples per batch, the dataloader's; it must
            split exactly in ``source_ratio``.
        source_ratio (Sequence[int]): ``(r_l, r_u)``, labelled to
            unlabelled samples per batch, each at least 1. Defaults to
            ``(1, 3)``.
        shuffle (bool): Whether to shuffle each pass over a source; when
            False each source is taken in its order. Defaults to True.
        seed (int, optional): Seed of the order; None draws one that all
            ranks share (``sync_random_seed``). Defaults to None.
    """

    def __init__(self,
                 dataset: ConcatDataset,
                 batch_size: int,
                 source_ratio: Sequence[int] = (1, 3),
                 shuffle: bool = True,
                 seed: Optional[int] = None) -> None:
        if not isinstance(dataset, ConcatDataset) or \
                len(dataset.datasets) != 2:
            raise TypeError('SemiSupervisedSampler needs a ConcatDataset of '
                            '[labelled, unlabelled] datasets')
        ratio_sum = sum(source_ratio)
        if len(source_ratio) != 2 or min(source_ratio) < 1 or \
                batch_size % ratio_sum:
            raise ValueError(f'batch_size {batch_size} must split exactly in '
                             f'the ratio {tuple(source_ratio)}')
        self.rank, self.world_size = get_dist_info()
        self.sizes = [len(d) for d in dataset.datasets]
        if min(self.sizes) == 0:
            raise ValueError(f'empty source in the semi-supervised dataset '
                             f'(sizes {self.sizes})')
        self.batch_size = batch_size
        self.num_labeled = batch_size * source_ratio[0] // ratio_sum
        self.num_unlabeled = batch_size - self.num_labeled
        self.shuffle = shuffle
        self.seed = sync_random_seed() if seed is None else seed
        self.epoch = 0
        per_rank = self.sizes[1] // self.world_size
        self.num_batches = max(1, per_rank // self.num_unlabeled)

    def _order(self, source: int, count: int, salt: int) -> torch.Tensor:
        """``count`` indices of this rank into ``source``, cycling through
        reshuffled passes."""
        size = self.sizes[source]
        needed = count * self.world_size
        passes = math.ceil(needed / size)
        orders = []
        for p in range(passes):
            g = torch.Generator().manual_seed(self.seed +
                                              1000003 * self.epoch + 7919 * p +
                                              salt)
            orders.append(
                torch.randperm(size, generator=g) if self.shuffle else torch.
                arange(size))
        order = torch.cat(orders)[:needed]
        return order[self.rank::self.world_size]

    def __iter__(self) -> Iterator[int]:
        labeled = self._order(0, self.num_batches * self.num_labeled, 0)
        unlabeled = self._order(1, self.num_batches * self.num_unlabeled,
                                1) + self.sizes[0]
        for b in range(self.num_batches):
            yield from labeled[b * self.num_labeled:(b + 1) *
                               self.num_labeled].tolist()
            yield from unlabeled[b * self.num_unlabeled:(b + 1) *
                                 self.num_unlabeled].tolist()

    def __len__(self) -> int:
        return self.num_batches * self.batch_size

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch
