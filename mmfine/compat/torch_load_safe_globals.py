"""mmengine 0.10.7 calls ``torch.load`` without ``weights_only``.

Since torch 2.6 that means ``weights_only=True``, and mmengine checkpoints
hold numpy arrays/scalars and the message hub's ``HistoryBuffer`` objects,
whose statistics functions (``HistoryBuffer.min`` ...) pickle as
``getattr(HistoryBuffer, 'min')``; so ``load_from`` and ``--resume`` fail.
The types a checkpoint needs are added to torch's allow-list, and
``builtins.getattr`` is mapped to a getter that only resolves those
statistics functions (a general ``getattr`` would reopen the door to
arbitrary code). The weights-only check itself stays on.
"""
import pickle

import numpy as np
import torch

_STATISTICS = ('min', 'max', 'current', 'mean')


def history_buffer_statistic(obj, name: str):
    """``getattr`` restricted to ``HistoryBuffer``'s statistics methods."""
    from mmengine.logging import HistoryBuffer
    allowed = set(_STATISTICS) | set(HistoryBuffer._statistics_methods)
    if obj is HistoryBuffer and name in allowed:
        return getattr(obj, name)
    raise pickle.UnpicklingError(
        f'weights-only load refuses getattr({obj!r}, {name!r}); only '
        'HistoryBuffer statistics methods may be referenced')


def required_globals() -> list:
    from mmengine.logging import HistoryBuffer
    dtype_classes = [
        type(np.dtype(t))
        for t in (np.float16, np.float32, np.float64, np.int8, np.int16,
                  np.int32, np.int64, np.uint8, np.uint16, np.uint32,
                  np.uint64, np.bool_)
    ]
    return [
        HistoryBuffer, np.ndarray, np.dtype, np.core.multiarray._reconstruct,
        np.core.multiarray.scalar,
        (history_buffer_statistic, 'builtins.getattr')
    ] + dtype_classes


def apply() -> bool:
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is None:  # torch < 2.4 loads full pickles by default
        return False
    allowed = torch.serialization.get_safe_globals()
    missing = [g for g in required_globals() if g not in allowed]
    if not missing:
        return False
    add(missing)
    return True
