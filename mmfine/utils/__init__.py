from .atomic_io import atomic_write_bytes, dump_pickle_atomic
from .scripted_run import quiet

__all__ = ['atomic_write_bytes', 'dump_pickle_atomic', 'quiet']
