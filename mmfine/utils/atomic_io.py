"""Atomic file writes: a temporary file in the target folder, then a rename,
so an interrupted write never leaves a truncated file behind."""
import os
import os.path as osp
import pickle
import tempfile


def atomic_write_bytes(data: bytes, path) -> None:
    path = str(path)
    folder = osp.dirname(osp.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f'.{osp.basename(path)}.')
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if osp.exists(tmp):
            os.remove(tmp)
        raise


def dump_pickle_atomic(obj, path) -> None:
    atomic_write_bytes(pickle.dumps(obj, protocol=4), path)
