"""numpy 2 removed ``np.Inf``, ``np.trapz`` and ``np.in1d``, used by mmaction2.

mmfine pins ``numpy<2``; if numpy 2 is installed anyway, the removed names are
aliased to their replacements. Names that exist are never touched.
"""
import numpy as np

#: removed name -> its numpy 2 replacement
ALIASES = {'Inf': 'inf', 'trapz': 'trapezoid', 'in1d': 'isin'}


def apply() -> bool:
    acted = False
    for name, target in ALIASES.items():
        if not hasattr(np, name) and hasattr(np, target):
            setattr(np, name, getattr(np, target))
            acted = True
    return acted
