"""Plain evaluation functions, importable without building a model."""
from .aqa_scores import fisher_z_mean, relative_l2, srcc

__all__ = ['srcc', 'fisher_z_mean', 'relative_l2']
