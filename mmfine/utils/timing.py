"""Timing for the benchmark scripts."""
import statistics
import time
from typing import Callable, Dict, Hashable


def interleaved_medians(fns: Dict[Hashable, Callable[[], object]],
                        repeats: int) -> Dict[Hashable, float]:
    """Median seconds per call of each function: one warm-up call each,
    then ``repeats`` rounds calling every function once (interleaved, so
    that machine drift affects all alike)."""
    for fn in fns.values():
        fn()
    times = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}
