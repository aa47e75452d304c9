"""Videos as pre-extracted clip features with a judged score."""
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np
from mmengine.dataset import BaseDataset

from mmaction.registry import DATASETS
from .score_table import read_score_table


def feature_shape(path: str) -> Tuple[int, int]:
    """``(N_clips, D)`` of a ``.npy`` clip-feature file, read from its
    header; a clear error naming the file when it is not one."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'clip feature file not found: {path}')
    try:
        shape = np.load(path, mmap_mode='r').shape
    except (ValueError, OSError, EOFError) as err:
        raise ValueError(f'{path}: not a readable .npy file ({err})') from None
    if len(shape) != 2:
        raise ValueError(f'{path}: clip features must be (N_clips, D), got '
                         f'shape {shape}')
    if shape[0] == 0:
        raise ValueError(f'{path}: empty feature file (0 clips)')
    return shape


@DATASETS.register_module()
class ClipFeatureScoreDataset(BaseDataset):
    """An AQA dataset: one ``<video>.npy`` of clip features ``(N_clips, D)``
    per video (as ``tools/data/extract_clip_features.py`` writes them, or as
    GDLT distributes RG and Fis-V) and a label file with its scores.

    Every sample is checked when the dataset loads: the feature file exists,
    is 2-D, non-empty and of dimension ``feature_dim``, and the score lies
    in ``score_range``; any failure stops with the file named.

    Args:
        ann_file (str): The label file (``read_score_table``).
        feature_dir (str): Folder of the ``.npy`` files (relative paths are
            under ``data_root``).
        score_column (str): The score to learn (``'Total'``, ``'TES'``,
            ``'PCS'``, ``'score'``...).
        score_range (tuple[float, float]): Declared ``(min, max)`` of the
            score; the assessor normalises by it.
        label_format (str): ``'rg'``, ``'fisv'`` or ``'csv'``. Defaults to
            ``'csv'``.
        feature_dim (int, optional): Expected D; None takes the first
            file's and requires the others to match. Defaults to None.
        score_group (str, optional): Name of the score type in the metrics
            (``srcc_<group>``); defaults to ``score_column``.
        pipeline (list[dict]): Data transforms. Defaults to ``[]``.
        test_mode (bool): Defaults to False.
        **kwargs: Other arguments of mmengine's ``BaseDataset``
            (``data_root``, ``indices``...).
    """

    def __init__(self,
                 ann_file: str,
                 feature_dir: str,
                 score_column: str,
                 score_range: Tuple[float, float],
                 label_format: str = 'csv',
                 feature_dim: Optional[int] = None,
                 score_group: Optional[str] = None,
                 pipeline: Sequence = (),
                 test_mode: bool = False,
                 **kwargs) -> None:
        low, high = (float(v) for v in score_range)
        if not high > low:
            raise ValueError(f'score_range must be (min, max) with max > '
                             f'min, got {score_range}')
        self.feature_dir = feature_dir
        self.score_column = score_column
        self.score_range = (low, high)
        self.label_format = label_format
        self.feature_dim = feature_dim
        self.score_group = score_group or score_column
        super().__init__(
            ann_file=ann_file,
            pipeline=list(pipeline),
            test_mode=test_mode,
            **kwargs)

    def load_data_list(self) -> List[dict]:
        feature_dir = self.feature_dir
        if self.data_root and not osp.isabs(feature_dir):
            feature_dir = osp.join(self.data_root, feature_dir)
        low, high = self.score_range
        dim = self.feature_dim
        data_list = []
        for video, score in read_score_table(self.ann_file, self.label_format,
                                             self.score_column):
            if not low <= score <= high:
                raise ValueError(f'{self.ann_file}: {video} has '
                                 f'{self.score_column} {score}, outside the '
                                 f'declared score_range {self.score_range}')
            path = osp.join(feature_dir, f'{video}.npy')
            num_clips, feat_dim = feature_shape(path)
            dim = dim or feat_dim
            if feat_dim != dim:
                raise ValueError(f'{path}: features of dimension {feat_dim}, '
                                 f'expected {dim}')
            data_list.append(
                dict(
                    video=video,
                    feature_path=path,
                    num_clips=num_clips,
                    gt_score=score,
                    score_range=self.score_range,
                    score_group=self.score_group))
        return data_list
