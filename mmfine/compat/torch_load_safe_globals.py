"""mmengine 0.10.7 calls ``torch.load`` without ``weights_only``.

Since torch 2.6 that means ``weights_only=True``, and mmengine checkpoints hold
numpy scalars/arrays and ``HistoryBuffer`` objects in their message hub, so
``load_from`` and ``--resume`` fail. The few types a checkpoint needs are added
to torch's allow-list; the weights-only check itself stays on.
"""
import numpy as np
import torch


def required_globals() -> list:
    from mmengine.logging import HistoryBuffer
    numpy_types = [np.ndarray, np.dtype, np.core.multiarray._reconstruct,
                   np.core.multiarray.scalar]
    dtype_classes = [type(np.dtype(t)) for t in (
        np.float16, np.float32, np.float64, np.int8, np.int16, np.int32,
        np.int64, np.uint8, np.bool_)]
    return [HistoryBuffer] + numpy_types + dtype_classes


def apply() -> bool:
    add = getattr(torch.serialization, 'add_safe_globals', None)
    if add is None:  # torch < 2.4 loads full pickles by default
        return False
    allowed = set(torch.serialization.get_safe_globals())
    missing = [g for g in required_globals() if g not in allowed]
    if not missing:
        return False
    add(missing)
    return True
