"""Direction-opposite class pairs of a label map: the "Gym-New" subset of
SeFAR (Sec. Analysis of Moderate Temporal Perturbation and appendix D:
Gym-New), FineGym classes paired with their reverse ("giant circle
backward" / "giant circle forward", "transition flight from high bar to
low bar" / "... from low bar to high bar").

The paper's 40-class list is not published; the rule here derives the
pairs from the class names alone: two classes pair when swapping every
direction word of one with its opposite gives the other.
"""
import re
from typing import Dict, List, Sequence, Tuple

from .list_lines import parse_list_line

# a direction word and its opposite (both ways are added below)
OPPOSITES = {
    'forward': 'backward',
    'forwards': 'backwards',
    'inward': 'outward',
    'inwards': 'outwards',
    'left': 'right',
    'up': 'down',
    'upward': 'downward',
    'upwards': 'downwards',
    'clockwise': 'counterclockwise',
}
_SWAP: Dict[str, str] = dict(OPPOSITES)
_SWAP.update({b: a for a, b in OPPOSITES.items()})

# words that end the X and Y of "from X to Y" (as do punctuation and the
# end of the name): "from high bar to low bar with 0.5 turn" swaps
# "high bar" and "low bar" only
_STOP_WORDS = ('from', 'to', 'with', 'and', 'or', 'into', 'onto', 'on',
               'in', 'at', 'before', 'after', 'then', 'through', 'while')
_PHRASE_WORD = r'(?:(?!(?:{})\b)[\w.\-]+)'.format('|'.join(_STOP_WORDS))
_PHRASE = r'{0}(?: {0})*'.format(_PHRASE_WORD)
_PATTERN = re.compile(
    r'\bfrom (?P<x>{0}) to (?P<y>{0})(?![\w.\-])|\b(?P<word>{1})\b'.format(
        _PHRASE, '|'.join(sorted(_SWAP, key=len, reverse=True))))
_COUNTERCLOCKWISE = re.compile(r'\b(?:counter|anti)[- ]?clockwise\b')


def normalize_name(name: str) -> str:
    """Lower case, single spaces, and "counter-clockwise" / "anticlockwise"
    spelt "counterclockwise"."""
    name = ' '.join(name.lower().split())
    return _COUNTERCLOCKWISE.sub('counterclockwise', name)


def swap_directions(name: str) -> str:
    """The normalised ``name`` with every direction word replaced by its
    opposite and every "from X to Y" by "from Y to X", all at once (so
    "(swing forward) double salto backward tucked" becomes "(swing
    backward) double salto forward tucked"). The words inside "from X to
    Y" move with their phrase and are not swapped themselves ("from left
    to right" becomes "from right to left")."""

    def replace(match):
        if match.group('word'):
            return _SWAP[match.group('word')]
        return f"from {match.group('y')} to {match.group('x')}"

    return _PATTERN.sub(replace, normalize_name(name))


def direction_pairs(class_names: Sequence[str]) -> List[Tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, sorted, of the classes whose names
    become identical (case and spacing aside) when the direction words of
    one are swapped with their opposites (:func:`swap_directions`). A name
    that the swap leaves unchanged is not paired.

    Raises:
        ValueError: a class would pair with more than one class (e.g. a
            label map that lists the opposite name twice).
    """
    names = [normalize_name(name) for name in class_names]
    by_name: Dict[str, List[int]] = {}
    for index, name in enumerate(names):
        by_name.setdefault(name, []).append(index)
    partners: Dict[int, List[int]] = {}
    for index, name in enumerate(names):
        swapped = swap_directions(name)
        if swapped != name and swapped in by_name:
            partners[index] = by_name[swapped]
    ambiguous = {
        index: others
        for index, others in partners.items() if len(others) > 1
    }
    if ambiguous:
        raise ValueError('classes with more than one direction-opposite '
                         'class: ' + '; '.join(
                             f'{i} {class_names[i]!r} -> ' + ', '.join(
                                 f'{j} {class_names[j]!r}' for j in others)
                             for i, others in sorted(ambiguous.items())))
    return sorted((i, others[0]) for i, others in partners.items()
                  if i < others[0])


def build_direction_subset(
        lines: Sequence[str],
        pairs: Sequence[Tuple[int, int]],
        num_classes: int = None) -> Tuple[List[str], List[int]]:
    """Keep the ``path label`` lines of the paired classes, relabelled
    ``2k`` and ``2k + 1`` for the classes of pair ``k``, in the input
    order (blank lines are skipped).

    Args:
        lines (Sequence[str]): MMAction2 list lines, ``path label``.
        pairs (Sequence[Tuple[int, int]]): original class ids, as from
            :func:`direction_pairs`.
        num_classes (int, optional): labels must lie below it (the label
            map's size). Defaults to None, not checked.

    Returns:
        tuple: the kept lines, and the original class id of each new
        label (``[i0, j0, i1, j1, ...]``).

    Raises:
        ValueError: a line is not ``path label`` with an integer label
            (naming its 1-based number), a label is out of range, or a
            class is in more than one pair.
    """
    originals = [int(c) for pair in pairs for c in pair]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError(f'pairs must be (i, j) tuples, got {pairs!r}')
    repeated = sorted({c for c in originals if originals.count(c) > 1})
    if repeated:
        raise ValueError(f'classes in more than one pair: {repeated}')
    new_label = {orig: new for new, orig in enumerate(originals)}
    kept = []
    for number, line in enumerate(lines, 1):
        entry = parse_list_line(line, f'line {number}')
        if entry is None:
            continue
        path, label = entry
        if label < 0 or (num_classes is not None and label >= num_classes):
            raise ValueError(f'line {number}: label {label} outside the '
                             f'{num_classes} classes of the label map'
                             if num_classes is not None else
                             f'line {number}: negative label {label}')
        if label in new_label:
            kept.append(f'{path} {new_label[label]}')
    return kept, originals


_INDEX_PREFIX = re.compile(r'^(\d+)(?:\s*[:,]\s*|\s+)(\S.*)$')


def read_label_map(path: str) -> List[str]:
    """Class names of an MMAction2 label map, one per line (line ``k`` is
    class ``k``). When every line starts with its index (``0 name``,
    ``0: name``, ``0, name``), counted from 0 or 1 in order, the index is
    dropped; otherwise lines are names as they stand (so a name that
    merely starts with a number keeps it).

    Raises:
        ValueError: an empty line before the last name (it would shift
            the class ids), or no names at all.
    """
    with open(path, encoding='utf-8-sig') as f:
        names = [line.strip() for line in f]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ValueError(f'{path}: no class names')
    empty = [n for n, name in enumerate(names, 1) if not name]
    if empty:
        raise ValueError(f'{path}: empty line(s) {empty} among the class '
                         'names would shift the class ids')
    matches = [_INDEX_PREFIX.match(name) for name in names]
    if all(matches):
        indices = [int(m.group(1)) for m in matches]
        for start in (0, 1):
            if indices == list(range(start, start + len(names))):
                return [m.group(2).strip() for m in matches]
    return names
