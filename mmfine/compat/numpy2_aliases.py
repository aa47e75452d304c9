"""numpy 2 removed ``np.Inf``, ``np.trapz`` and ``np.in1d``, used by mmaction2.

mmfine pins ``numpy<2``; if numpy 2 is installed anyway, the removed names are
aliased to their replacements. Names that exist are never touched.
"""
import numpy as np

ALIASES = {
    'Inf': lambda: np.inf,
    'trapz': lambda: np.trapezoid,
    'in1d': lambda: np.isin,
}


def apply() -> bool:
    acted = False
    for name, target in ALIASES.items():
        try:
            getattr(np, name)
        except AttributeError:
            setattr(np, name, target())
            acted = True
    return acted
