from .atomic_io import atomic_write_bytes, dump_pickle_atomic
from .scripted_run import quiet
from .timing import interleaved_medians

__all__ = ['atomic_write_bytes', 'dump_pickle_atomic', 'quiet',
           'interleaved_medians']
