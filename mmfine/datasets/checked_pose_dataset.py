"""``PoseDataset`` that loads safely and validates every annotation."""
from typing import Callable, Dict, List, Optional, Union

from mmengine.logging import MMLogger, print_log

from mmaction.datasets import PoseDataset
from mmaction.registry import DATASETS
from mmfine.structures import get_layout
from mmfine.utils.safe_pickle import safe_load_pickle
from .pose_annotation_check import pose_annotation_problems, sample_name
from .transforms.detected_window import longest_detected_run


class BadAnnotationError(ValueError):
    """An annotation file holds malformed samples."""


@DATASETS.register_module()
class CheckedPoseDataset(PoseDataset):
    """MMAction2's ``PoseDataset``, loaded through a restricted unpickler
    and validated sample by sample.

    Args:
        ann_file (str): Path to the annotation file, a ``.pkl`` holding a
            list of annotations or a dict with an ``annotations`` list (and
            optionally ``split``, ``classes`` and ``layout``).
        pipeline (list[dict | callable]): A sequence of data transforms.
        num_classes (int, optional): Labels must lie in
            ``[0, num_classes)``. When None, the number of ``classes`` is
            used if there are any; otherwise labels are only checked to be
            non-negative. Defaults to None.
        layout (str, optional): A layout name (``mmfine.structures``);
            samples must have its number of joints, and a pickle that names
            its ``layout`` must name this one. None checks neither.
            Defaults to None.
        on_bad_sample (str): ``'raise'`` stops with every problem of every
            bad sample named; ``'skip'`` drops bad samples and logs a
            summary naming each. Nothing bad is ever trained on. Defaults
            to ``'raise'``.
        classes (list[str], optional): Class names for the metainfo; a
            top-level ``classes`` list in the pickle is used when omitted.
            Defaults to None.
        min_detected_run (int): Keep only samples whose first person has
            a run of at least this many consecutive detected frames (any
            score above 0), logging the others, e.g. a window length for
            completion pre-training on extracted videos
            (``SampleDetectedWindow``). Defaults to 0 (all samples).
        **kwargs: Other arguments of ``PoseDataset`` (``split``,
            ``data_prefix``, ``test_mode``, ...).
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List[Union[Dict, Callable]],
                 num_classes: Optional[int] = None,
                 layout: Optional[str] = None,
                 on_bad_sample: str = 'raise',
                 classes: Optional[List[str]] = None,
                 min_detected_run: int = 0,
                 **kwargs) -> None:
        if on_bad_sample not in ('raise', 'skip'):
            raise ValueError("on_bad_sample must be 'raise' or 'skip', got "
                             f'{on_bad_sample!r}')
        self.layout = get_layout(layout) if layout is not None else None
        self.on_bad_sample = on_bad_sample
        self.skipped: List[str] = []
        self._classes = classes
        self.min_detected_run = min_detected_run
        super().__init__(ann_file, pipeline, num_classes=num_classes, **kwargs)

    def load_data_list(self) -> List[Dict]:
        if not self.ann_file.endswith('.pkl'):
            raise ValueError(f'{self.ann_file}: pose annotations must be a '
                             '.pkl file')
        data = safe_load_pickle(self.ann_file)
        if isinstance(data, dict):
            if 'annotations' not in data:
                raise BadAnnotationError(
                    f'{self.ann_file}: a dict annotation file needs an '
                    f"'annotations' list (keys: {sorted(data)})")
            annos = data['annotations']
            self._check_layout(data.get('layout'))
            classes = self._classes or data.get('classes')
            if self.split is not None:
                splits = data.get('split', {})
                if self.split not in splits:
                    raise BadAnnotationError(
                        f'{self.ann_file}: no split {self.split!r}; '
                        f'available: {sorted(splits)}')
                keep = set(splits[self.split])
                annos = [
                    a for a in annos if isinstance(a, dict)
                    and a.get('frame_dir', a.get('filename')) in keep
                ]
        elif isinstance(data, list):
            if self.split is not None:
                raise BadAnnotationError(
                    f'{self.ann_file}: split {self.split!r} requested but '
                    'the file is a plain list without splits')
            annos, classes = data, self._classes
        else:
            raise BadAnnotationError(
                f'{self.ann_file}: expected a dict or a list, got '
                f'{type(data).__name__}')
        if classes is not None:
            self._metainfo['classes'] = tuple(classes)
            if self.num_classes is None:
                self.num_classes = len(classes)
        return self._validated(annos)

    def _check_layout(self, named: Optional[str]) -> None:
        """Refuse a pickle that names another layout than the config's."""
        if named is None or self.layout is None:
            return
        if get_layout(named).name != self.layout.name:
            raise BadAnnotationError(
                f'{self.ann_file} holds {named!r} skeletons but the config '
                f'expects {self.layout.name!r}: set layout_name = '
                f'{named!r} at the top of the config (or convert the data '
                'with mmfine.structures.convert_keypoints)')

    def _validated(self, annos: List[Dict]) -> List[Dict]:
        num_joints = self.layout.num_joints if self.layout else None
        good, bad = [], []
        for i, ann in enumerate(annos):
            problems = pose_annotation_problems(ann, self.num_classes,
                                                num_joints)
            if problems:
                bad.append(f'{sample_name(ann, i)}: ' + '; '.join(problems))
            else:
                good.append(ann)
        if bad and self.on_bad_sample == 'raise':
            raise BadAnnotationError(
                f'{self.ann_file}: {len(bad)} malformed sample(s):\n  ' +
                '\n  '.join(bad))
        if bad:
            self.skipped = bad
            print_log(
                f'{self.ann_file}: skipped {len(bad)} of {len(annos)} '
                'malformed samples:\n  ' + '\n  '.join(bad),
                logger=MMLogger.get_current_instance(),
                level=30)
        if self.min_detected_run > 0:
            runs = [longest_detected_run(a) for a in good]
            short = [
                sample_name(a, i) for i, (a, run) in enumerate(zip(good, runs))
                if run < self.min_detected_run
            ]
            if short:
                print_log(
                    f'{self.ann_file}: left out {len(short)} of {len(good)} '
                    f'samples without {self.min_detected_run} consecutive '
                    'detected frames: ' + ', '.join(short[:20]),
                    logger=MMLogger.get_current_instance(),
                    level=30)
                good = [
                    a for a, run in zip(good, runs)
                    if run >= self.min_detected_run
                ]
        if not good:
            raise BadAnnotationError(f'{self.ann_file}: no valid sample '
                                     f'(split {self.split!r})')
        return good
