"""SeFAR's temporal elements ``{L-...-C}``: the segment layout shared by
the dual-level sampler (datasets) and the multi-granular backbone
(models)."""
from typing import List, Sequence


def check_elements(elements: Sequence[int]) -> List[int]:
    """``{L-L-...-C}`` as a list: at least one fine element and the context
    element last, every length positive."""
    elements = [int(e) for e in elements]
    if len(elements) < 2 or min(elements) < 1:
        raise ValueError('elements must be {L-...-C}: at least one fine '
                         'element length and the context length, all >= 1, '
                         f'got {elements}')
    return elements


def element_segments(elements: Sequence[int]) -> List[List[int]]:
    """Which of the ``K = sum(elements)`` TSN segments each element takes.

    The context element (last) takes ``C`` segments spread evenly over the
    clip, ``ceil(i K / C)``; the other segments are dealt out in order to
    the fine elements, last element first, skipping full ones. Every fine
    element then spans the whole clip and the context keeps its segments in
    temporal order. This reproduces the two layouts known from the authors
    (their sampler is not public): {2-2-4} element 0 = {3, 7}, element 1 =
    {1, 5}, context = {0, 2, 4, 6}, and {2-4} element 0 = {1, 4}, context
    = {0, 2, 3, 5}."""
    elements = check_elements(elements)
    *fine, context = elements
    total = sum(elements)
    context_segments = sorted(
        {-(-i * total // context) for i in range(context)})
    rest = [s for s in range(total) if s not in context_segments]
    taken: List[List[int]] = [[] for _ in fine]
    order = list(range(len(fine)))[::-1]
    turn = 0
    for segment in rest:
        while len(taken[order[turn % len(order)]]) >= \
                fine[order[turn % len(order)]]:
            turn += 1
        taken[order[turn % len(order)]].append(segment)
        turn += 1
    return taken + [context_segments]
