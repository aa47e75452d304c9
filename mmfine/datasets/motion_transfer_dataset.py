"""One set of a motion-transferability benchmark (Syn-TA, K400-TA,
SSv2-TA; seed 003, METHODS.md section 4)."""
import os.path as osp
from typing import Dict, List, Optional

from mmaction.registry import DATASETS
from .checked_video_dataset import CheckedVideoDataset


@DATASETS.register_module()
class MotionTransferDataset(CheckedVideoDataset):
    """A set's coarse list (``<class>/<file>.mp4 <coarse id>``, e.g.
    ``train_set1_coarse.txt``) and, optionally, its fine list naming the
    same videos with their fine ids (``train_set1_fine.txt``). Each sample
    has ``label`` (coarse) and ``fine_label`` (-1 without a fine list).
    Coarse ids are shared by both sets; fine ids are the set's own.

    ``fine_to_coarse`` (the coarse class of each of the set's fine
    classes, from the two lists) must be a function: a fine class listed
    under two coarse classes, a video in one list only, or a fine id with
    no video is an error naming it.

    Args:
        ann_file (str): The coarse list.
        pipeline (list[dict | callable]): The data transforms.
        num_classes (int): Coarse classes.
        fine_ann_file (str, optional): The fine list of the same videos.
        num_fine_classes (int, optional): The set's fine classes (fine ids
            are checked against it). Defaults to the largest fine id + 1
            (each id below it must have videos).
        **kwargs: Other ``CheckedVideoDataset`` arguments.
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List,
                 num_classes: int,
                 fine_ann_file: Optional[str] = None,
                 num_fine_classes: Optional[int] = None,
                 **kwargs) -> None:
        self.fine_ann_file = fine_ann_file
        self.num_fine_classes = num_fine_classes
        self.fine_to_coarse: List[int] = []
        super().__init__(ann_file, pipeline, num_classes=num_classes, **kwargs)

    def load_data_list(self) -> List[Dict]:
        data_list = super().load_data_list()
        if self.fine_ann_file is None:
            for info in data_list:
                info['fine_label'] = -1
            return data_list
        fine = self._fine_labels()
        listed = {self._list_name(info['filename']) for info in data_list}
        extra = sorted(set(fine) - listed)
        if extra and self.missing != 'skip':  # skipped videos may be there
            raise ValueError(f'{extra[:3]} are in {self.fine_ann_file} but '
                             f'not in {self.ann_file} ({len(extra)} videos)')
        coarse_of: Dict[int, int] = {}
        for info in data_list:
            name = self._list_name(info['filename'])
            if name not in fine:
                raise ValueError(f'{name} is in {self.ann_file} but not in '
                                 f'{self.fine_ann_file}')
            info['fine_label'] = fine[name]
            known = coarse_of.setdefault(fine[name], info['label'])
            if known != info['label']:
                raise ValueError(
                    f'fine class {fine[name]} is under coarse classes '
                    f'{known} and {info["label"]} ({name}); a fine class '
                    'must belong to one coarse class')
        missing = sorted(set(range(self.num_fine_classes)) - set(coarse_of))
        if missing:
            raise ValueError(f'{self.fine_ann_file}: fine classes {missing} '
                             f'have no video in {self.ann_file}')
        self.fine_to_coarse = [
            coarse_of[f] for f in range(self.num_fine_classes)
        ]
        return data_list

    def _list_name(self, filename: str) -> str:
        """The file name as the list writes it."""
        prefix = self.data_prefix['video']
        return osp.relpath(filename, prefix) if prefix else \
            osp.normpath(filename)

    def _fine_labels(self) -> Dict[str, int]:
        entries = self.read_list(self.fine_ann_file, self.num_fine_classes
                                 or 2**31)
        if self.num_fine_classes is None:
            self.num_fine_classes = 1 + max(
                (e['label'] for e in entries), default=-1)
        fine = {}
        for entry in entries:
            name = osp.normpath(entry['filename'])
            if name in fine:
                raise ValueError(f'{self.fine_ann_file}: {name} is listed '
                                 'twice')
            fine[name] = entry['label']
        return fine
