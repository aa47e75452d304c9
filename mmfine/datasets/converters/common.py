"""Shared helpers of the dataset converters."""
import os.path as osp

import numpy as np


def require_dir(path: str, what: str) -> None:
    if not osp.isdir(path):
        raise FileNotFoundError(f'{what} folder not found: {path}')


def pose_sample(name: str, label: int, keypoint: np.ndarray) -> dict:
    """A ``PoseDataset`` annotation from ``keypoint [T, V, 3]``."""
    keypoint = np.ascontiguousarray(keypoint, dtype=np.float32)
    return dict(
        frame_dir=name,
        label=int(label),
        total_frames=int(keypoint.shape[0]),
        keypoint=keypoint[None])


def drop_empty_frames(keypoint: np.ndarray) -> np.ndarray:
    """Remove frames whose joints are all at the origin (tracking lost)."""
    return keypoint[np.abs(keypoint).reshape(len(keypoint), -1).sum(1) > 0]
