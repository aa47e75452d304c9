"""Consecutive windows of detected frames, for completion pre-training on
skeletons extracted from video (where the subject is sometimes lost)."""
from typing import Dict

import numpy as np
from mmcv.transforms import BaseTransform

from mmaction.registry import TRANSFORMS


def detected_frames(ann: Dict) -> np.ndarray:
    """``(T,)`` bool: frames where the first person has a score above 0."""
    return np.asarray(ann['keypoint_score'])[0].any(-1)


def detected_window_starts(detected: np.ndarray, clip_len: int) -> np.ndarray:
    """Starts ``s`` whose frames ``s .. s + clip_len - 1`` are all
    detected."""
    if len(detected) < clip_len:
        return np.zeros(0, int)
    run = np.convolve(detected.astype(int), np.ones(clip_len, int), 'valid')
    return np.flatnonzero(run == clip_len)


def longest_detected_run(ann: Dict) -> int:
    """The longest run of consecutive detected frames of the first
    person."""
    best = current = 0
    for seen in detected_frames(ann):
        current = current + 1 if seen else 0
        best = max(best, current)
    return best


@TRANSFORMS.register_module()
class SampleDetectedWindow(BaseTransform):
    """Sample ``num_clips`` windows of ``clip_len`` consecutive frames in
    which the first person was detected in every frame.

    A completion learns to restore frames from clean windows; a window
    holding a frame where pose estimation lost the subject (zeros) would
    teach it to predict zeros. Leave out samples without such a window with
    ``CheckedPoseDataset(min_detected_run=clip_len)``.

    Training draws the windows at random; ``test_mode`` takes them evenly
    spaced over the possible starts (deterministic).

    Required keys: ``keypoint_score``, ``total_frames``. Added keys:
    ``frame_inds``, ``clip_len``, ``num_clips``, ``frame_interval``.

    Args:
        clip_len (int): Frames per window. Defaults to 16.
        num_clips (int): Windows per sample. Defaults to 1.
        test_mode (bool): Deterministic windows. Defaults to False.
    """

    def __init__(self,
                 clip_len: int = 16,
                 num_clips: int = 1,
                 test_mode: bool = False) -> None:
        if clip_len < 1 or num_clips < 1:
            raise ValueError('clip_len and num_clips must be positive, got '
                             f'{clip_len} and {num_clips}')
        self.clip_len, self.num_clips = clip_len, num_clips
        self.test_mode = test_mode

    def transform(self, results: Dict) -> Dict:
        starts = detected_window_starts(
            detected_frames(results), self.clip_len)
        if len(starts) == 0:
            raise ValueError(
                f"{results.get('frame_dir', 'sample')}: no {self.clip_len} "
                'consecutive detected frames; leave such samples out with '
                f'CheckedPoseDataset(min_detected_run={self.clip_len})')
        if self.test_mode:
            picks = starts[np.linspace(0, len(starts) - 1,
                                       self.num_clips).round().astype(int)]
        else:
            picks = np.random.choice(starts, self.num_clips)
        results['frame_inds'] = (picks[:, None] +
                                 np.arange(self.clip_len)).reshape(-1)
        results.update(
            clip_len=self.clip_len,
            num_clips=self.num_clips,
            frame_interval=1)
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(clip_len={self.clip_len}, '
                f'num_clips={self.num_clips}, test_mode={self.test_mode})')
