"""Video list datasets that check their list and their videos."""
import os.path as osp
from typing import Dict, List, Optional

from mmengine.fileio import list_from_file
from mmengine.logging import print_log

from mmaction.datasets import VideoDataset
from mmaction.registry import DATASETS


@DATASETS.register_module()
class CheckedVideoDataset(VideoDataset):
    """MMAction2's ``VideoDataset`` (``path label`` per line) with checks
    that name the list file and line, or the video.

    * a label that is not an integer in ``[0, num_classes)`` is an error;
      with ``labels='optional'`` (an unlabelled list) a line may carry no
      label (kept as -1, e.g. to measure pseudo-label accuracy when labels
      are there);
    * with ``labels='required'``, classes without any sample are listed in
      a warning (a labelled split that misses classes);
    * videos the list names that are not there: ``missing='raise'`` stops
      at once, naming them (not hours into training); ``'skip'`` leaves
      them out and logs each; ``'ignore'`` does not look (remote storage,
      or a list read without its videos);
    * a video that cannot be read or decoded: ``on_error='raise'`` stops
      with the file's name; ``'skip'`` (training only) logs the file and the
      reason and draws another sample. Test and validation always raise.

    Args:
        ann_file (str): Path to the video list, one ``path label`` (or,
            with ``labels='optional'``, ``path``) per line.
        pipeline (list[dict | callable]): A sequence of data transforms.
        num_classes (int): The class count (required: the labels are
            checked).
        labels (str): ``'required'`` or ``'optional'``. Defaults to
            ``'required'``.
        on_error (str): ``'raise'`` or ``'skip'``. Defaults to
            ``'raise'``.
        missing (str): ``'raise'``, ``'skip'`` or ``'ignore'``. Defaults
            to ``'raise'``.
        **kwargs: Other arguments of ``VideoDataset`` (``data_prefix``,
            ``test_mode``, ``delimiter``, ...).
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List,
                 num_classes: int,
                 labels: str = 'required',
                 on_error: str = 'raise',
                 missing: str = 'raise',
                 **kwargs) -> None:
        if labels not in ('required', 'optional'):
            raise ValueError(f"labels must be 'required' or 'optional', got "
                             f'{labels!r}')
        if on_error not in ('raise', 'skip'):
            raise ValueError(f"on_error must be 'raise' or 'skip', got "
                             f'{on_error!r}')
        if missing not in ('raise', 'skip', 'ignore'):
            raise ValueError(f"missing must be 'raise', 'skip' or 'ignore', "
                             f'got {missing!r}')
        if not isinstance(num_classes, int) or num_classes < 1:
            raise ValueError(f'num_classes must be a positive int, got '
                             f'{num_classes!r}')
        self.labels, self.on_error = labels, on_error
        self.missing = missing
        super().__init__(ann_file, pipeline, num_classes=num_classes, **kwargs)

    def read_list(self, path: str, num_classes: int) -> List[Dict]:
        """``dict(filename, label)`` per line of the list ``path`` (labels
        checked against ``num_classes``; file names as written)."""
        if not osp.exists(path):
            raise FileNotFoundError(f'video list {path} not found')
        entries = []
        for number, line in enumerate(list_from_file(path), 1):
            fields = line.strip().split(self.delimiter)
            if not fields[0]:
                continue
            where = f'{path}:{number}'
            if len(fields) > 2:
                raise ValueError(f'{where}: expected "path label", got '
                                 f'{line.strip()!r}')
            if len(fields) == 1:
                if self.labels == 'required':
                    raise ValueError(f'{where}: {fields[0]} has no label')
                label = -1
            else:
                try:
                    label = int(fields[1])
                except ValueError:
                    raise ValueError(f'{where}: label {fields[1]!r} is not an '
                                     'integer') from None
                if not 0 <= label < num_classes:
                    raise ValueError(
                        f'{where}: label {label} of {fields[0]} is not a '
                        f'known class (0..{num_classes - 1})')
            entries.append(dict(filename=fields[0], label=label))
        return entries

    def load_data_list(self) -> List[Dict]:
        data_list = self.read_list(self.ann_file, self.num_classes)
        if self.data_prefix['video'] is not None:
            for info in data_list:
                info['filename'] = osp.join(self.data_prefix['video'],
                                            info['filename'])
        data_list = self._check_videos_exist(data_list)
        if self.labels == 'required':
            self._warn_missing_classes(data_list)
        return data_list

    def _check_videos_exist(self, data_list: List[Dict]) -> List[Dict]:
        if self.missing == 'ignore':
            return data_list
        absent = [
            d['filename'] for d in data_list
            if '://' not in d['filename'] and not osp.exists(d['filename'])
        ]
        if absent and self.missing == 'raise':
            raise FileNotFoundError(
                f'{self.ann_file}: {len(absent)} of {len(data_list)} listed '
                f'videos are missing, e.g. {absent[:3]} (missing=\'skip\' '
                'leaves them out)')
        for name in absent:
            print_log(
                f'{self.ann_file}: skipping the missing video {name}',
                logger='current',
                level=30)
        absent = set(absent)
        return [d for d in data_list if d['filename'] not in absent]

    def _warn_missing_classes(self, data_list: List[Dict]) -> None:
        missing = sorted(
            set(range(self.num_classes)) - {d['label']
                                            for d in data_list})
        if missing:
            print_log(
                f'{self.ann_file}: {len(missing)} of '
                f'{self.num_classes} classes have no sample: '
                f'{missing}',
                logger='current',
                level=30)

    def prepare_data(self, idx: int) -> Optional[Dict]:
        try:
            return super().prepare_data(idx)
        except Exception as error:  # decoders raise many kinds
            filename = self.get_data_info(idx)['filename']
            message = f'{filename}: cannot be read or decoded ({error})'
            if self.on_error == 'raise' or self.test_mode:
                raise RuntimeError(message) from error
            print_log(f'skipping {message}', logger='current', level=30)
            return None
