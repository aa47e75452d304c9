"""MA-52 (seed 004) as MMAction2 datasets: the video lists
(``<name>.mp4 <action_id>``) and skeleton pickles, each sample with the
body-level label of its action (``body_label``; 0-4 Body, 5-10 Head,
11-23 Upper limb, 24-31 Lower limb, 32-37 Body-hand, 38-47 Head-hand,
48-51 Leg-hand). Pack it with ``PackActionInputs(meta_keys=(...,
'body_label'))`` to carry it into the data samples."""
import os.path as osp
from typing import Dict, List

from mmaction.registry import DATASETS
from mmfine.evaluation.functional.micro_action import (MA52_NUM_ACTIONS,
                                                       ma52_body_label)
from .checked_pose_dataset import CheckedPoseDataset
from .checked_video_dataset import CheckedVideoDataset


def with_body_labels(data_list: List[Dict]) -> List[Dict]:
    """Each sample with ``body_label`` (-1 for an unlabelled one)."""
    for info in data_list:
        label = int(info.get('label', -1))
        info['body_label'] = int(ma52_body_label(label)) if label >= 0 \
            else -1
    return data_list


class MA52Labels:
    """Mixin of the MA-52 datasets: 52 classes by default, and
    ``body_label`` on every sample."""

    def __init__(self, ann_file: str, pipeline: List, **kwargs) -> None:
        kwargs.setdefault('num_classes', MA52_NUM_ACTIONS)
        super().__init__(ann_file, pipeline, **kwargs)

    def load_data_list(self) -> List[Dict]:
        return with_body_labels(super().load_data_list())


@DATASETS.register_module()
class MicroActionVideoDataset(MA52Labels, CheckedVideoDataset):
    """MA-52 video lists: ``CheckedVideoDataset`` (labels checked against
    the 52 actions) with ``body_label``.

    Each sample's ``video_id`` is its file name (``<name>.mp4``), which
    MMAction2's ``PackActionInputs`` packs by default: ``MicroActionMetric``
    names the rows of ``prediction.csv`` by it, whatever the pipeline.

    Args:
        ann_file (str): An MA-52 list, ``<name>.mp4 <action_id>`` per line.
        pipeline (list[dict | callable]): The data transforms.
        **kwargs: Other ``CheckedVideoDataset`` arguments (``num_classes``
            defaults to 52).
    """

    def load_data_list(self) -> List[Dict]:
        data_list = super().load_data_list()
        for info in data_list:
            info['video_id'] = osp.basename(info['filename'])
        return data_list


@DATASETS.register_module()
class MicroActionPoseDataset(MA52Labels, CheckedPoseDataset):
    """MA-52 skeleton pickles: ``CheckedPoseDataset`` (labels checked
    against the 52 actions) with ``body_label``.

    Args:
        ann_file (str): An MMAction2 skeleton pickle of MA-52 samples.
        pipeline (list[dict | callable]): The data transforms.
        **kwargs: Other ``CheckedPoseDataset`` arguments (``num_classes``
            defaults to 52).
    """
