"""Import the SeFAR authors' released split lists into MMAction2 lists.

The authors publish one folder per split (``all99_5``, ``all288_10``,
``UB_10``, ``FX_S1_10``, ...) holding ``train.csv`` (labelled),
``unlabel.csv`` (unlabelled, true labels kept; ``list_ucf_5`` spells it
``unlabe.csv``) and, for some splits, ``val.csv`` / ``test.csv``. Despite
the suffix each line is ``<absolute video path> <label>``, e.g.
``/root/video/0LtLS9wROrk_E_002407_002435_A_0003_0005.mp4 4``; event and
set subsets (UB, FX, UB-S1, FX-S1) number their classes from 0.

``import_split`` writes ``<name>_labeled.txt``, ``<name>_unlabeled.txt``
and ``<name>_val.txt`` / ``<name>_test.txt`` where present, each line
``<path relative to the video root> <label>``, the lists'
``data_prefix.video`` being the root the user keeps the clips in.
"""
import os
import os.path as osp
from typing import Dict, List, Optional, Tuple

from mmfine.utils import atomic_write_bytes
from .list_lines import parse_list_line

#: role of each file in an authors' split folder -> our list's suffix
AUTHOR_FILES = {
    'train': 'labeled',
    'unlabel': 'unlabeled',
    'unlabe': 'unlabeled',  # the authors' list_ucf_5 spelling
    'val': 'val',
    'test': 'test',
}

Entry = Tuple[str, int]


class SplitImportError(ValueError):
    """An authors' split that cannot be imported as it is."""


def read_author_list(path: str) -> List[Entry]:
    """``(video path, label)`` of each non-blank line of an authors' list
    (``path label``, separated by white space or one comma).

    Raises:
        SplitImportError: A line without exactly a path and an integer
            label >= 0, or a video listed twice; the message names the
            file and line.
    """
    entries, seen = [], {}
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            where = f'{path}:{number}'
            try:
                entry = parse_list_line(line.replace(',', ' '), where)
            except ValueError as error:
                raise SplitImportError(str(error)) from None
            if entry is None:
                continue
            video, label = entry
            if label < 0:
                raise SplitImportError(f'{where}: negative label {label}')
            if video in seen:
                raise SplitImportError(
                    f'{where}: {video} is listed twice (first on line '
                    f'{seen[video]})')
            seen[video] = number
            entries.append((video, label))
    if not entries:
        raise SplitImportError(f'{path}: no videos listed')
    return entries


def find_author_lists(split_dir: str) -> Dict[str, str]:
    """Our role (``labeled``, ``unlabeled``, ``val``, ``test``) -> the file
    of that role in an authors' split folder.

    Raises:
        SplitImportError: The folder lacks a labelled or an unlabelled
            list, or holds two files of one role.
    """
    if not osp.isdir(split_dir):
        raise SplitImportError(f'{split_dir} is not a folder')
    found: Dict[str, str] = {}
    for name in sorted(os.listdir(split_dir)):
        stem, ext = osp.splitext(name)
        if ext not in ('.csv', '.txt') or stem not in AUTHOR_FILES:
            continue
        role = AUTHOR_FILES[stem]
        if role in found:
            raise SplitImportError(
                f'{split_dir}: two {role} lists, {osp.basename(found[role])}'
                f' and {name}')
        found[role] = osp.join(split_dir, name)
    missing = [r for r in ('labeled', 'unlabeled') if r not in found]
    if missing:
        raise SplitImportError(
            f'{split_dir}: no {" or ".join(missing)} list (expected '
            'train.csv and unlabel.csv)')
    return found


def common_video_root(lists: Dict[str, List[Entry]]) -> str:
    """The longest folder that holds every listed video (``''`` when there
    is none, e.g. bare file names, or absolute and relative paths mixed)."""
    folders = sorted(
        {osp.dirname(v)
         for entries in lists.values() for v, _ in entries})
    try:
        return osp.commonpath(folders)
    except ValueError:
        return ''


def import_split(split_dir: str,
                 out_dir: str,
                 name: Optional[str] = None,
                 strip_prefix: Optional[str] = None,
                 num_classes: Optional[int] = None) -> Dict:
    """Write an authors' split folder as MMAction2 video lists.

    Args:
        split_dir (str): The authors' folder (``train.csv``,
            ``unlabel.csv``, optionally ``val.csv`` / ``test.csv``).
        out_dir (str): Where the lists go.
        name (str, optional): Stem of the written lists. Defaults to the
            folder's name.
        strip_prefix (str, optional): Folder removed from every video path.
            Defaults to the folder all listed videos share
            (``/root/video`` in the released lists).
        num_classes (int, optional): The split's class count; a label
            outside ``[0, num_classes)`` is an error. Defaults to the
            largest label + 1.

    Returns:
        dict: ``name``, ``num_classes``, ``strip_prefix`` and ``lists``
        (role -> ``(written path, videos)``) and ``classes_without_labels``
        (classes that have no labelled video).

    Raises:
        SplitImportError: Unreadable lists (see ``read_author_list``), a
            video both labelled and unlabelled, a video outside
            ``strip_prefix``, or a label outside ``num_classes``. Nothing
            is written then.
    """
    files = find_author_lists(split_dir)
    lists = {role: read_author_list(path) for role, path in files.items()}
    labeled = {v for v, _ in lists['labeled']}
    both = [v for v, _ in lists['unlabeled'] if v in labeled]
    if both:
        raise SplitImportError(
            f'{split_dir}: {len(both)} videos are both labelled and '
            f'unlabelled, e.g. {both[0]}')
    largest = max(label for entries in lists.values() for _, label in entries)
    if num_classes is None:
        num_classes = largest + 1
    for role, entries in lists.items():
        for video, label in entries:
            if label >= num_classes:
                raise SplitImportError(
                    f'{files[role]}: label {label} of {video} is outside '
                    f'the {num_classes} classes')
    if strip_prefix is None:
        strip_prefix = common_video_root(lists)
    prefix = strip_prefix.rstrip('/') + '/' if strip_prefix else ''
    name = name or osp.basename(osp.normpath(split_dir))
    texts = {}
    for role, entries in lists.items():
        lines = []
        for video, label in entries:
            if not video.startswith(prefix):
                raise SplitImportError(
                    f'{files[role]}: {video} is not under {strip_prefix!r}')
            lines.append(f'{video[len(prefix):]} {label}')
        texts[role] = '\n'.join(lines) + '\n'
    os.makedirs(out_dir, exist_ok=True)
    written = {}
    for role, text in texts.items():
        path = osp.join(out_dir, f'{name}_{role}.txt')
        atomic_write_bytes(text.encode(), path)
        written[role] = (path, len(lists[role]))
    with_labels = {label for _, label in lists['labeled']}
    return dict(
        name=name,
        num_classes=num_classes,
        strip_prefix=strip_prefix,
        lists=written,
        classes_without_labels=sorted(
            set(range(num_classes)) - with_labels))
