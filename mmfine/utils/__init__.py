from .atomic_io import atomic_write_bytes, dump_pickle_atomic

__all__ = ['atomic_write_bytes', 'dump_pickle_atomic']
