"""Labelled / unlabelled splits of an MMAction2 video list."""
from collections import defaultdict
from typing import List, Tuple

import numpy as np

from .list_lines import parse_list_line


def split_labeled(lines: List[str],
                  percent: float,
                  seed: int = 0) -> Tuple[List[str], List[str]]:
    """Stratified split of ``path label`` lines: ``percent`` % of each
    class (at least one sample per class, rounded to the nearest count)
    labelled, the rest unlabelled (keeping their true labels, which the
    training ignores but the pseudo-label accuracy uses). Reproducible by
    ``seed``; both lists keep the input order."""
    if not 0 < percent < 100:
        raise ValueError(f'percent must lie in (0, 100), got {percent}')
    by_class = defaultdict(list)
    for number, line in enumerate(lines):
        entry = parse_list_line(line, f'line {number + 1}')
        if entry is None:
            raise ValueError(f'line {number + 1}: expected "path label", '
                             'got a blank line')
        by_class[entry[1]].append(number)
    rng = np.random.default_rng(seed)
    chosen = set()
    for label in sorted(by_class):
        members = by_class[label]
        count = max(1, int(round(len(members) * percent / 100)))
        chosen.update(
            rng.choice(members, min(count, len(members)),
                       replace=False).tolist())
    labeled = [line for i, line in enumerate(lines) if i in chosen]
    unlabeled = [line for i, line in enumerate(lines) if i not in chosen]
    return labeled, unlabeled
