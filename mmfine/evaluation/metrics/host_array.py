"""Predictions as NumPy arrays, wherever the model ran."""
import numpy as np
import torch


def host_array(value, dtype=None) -> np.ndarray:
    """``value`` (a tensor on any device, an array or a sequence) as a NumPy
    array on the host: ``np.asarray`` alone fails on CUDA tensors, which
    is what mmengine hands a metric on GPUs."""
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype)
