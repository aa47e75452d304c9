from .semi_supervised_batch_sampler import SemiSupervisedBatchSampler

__all__ = ['SemiSupervisedBatchSampler']
