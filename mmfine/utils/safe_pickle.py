"""Restricted unpickling for annotation files from outside the project."""
import io
import os.path as osp
import pickle

#: (module, name) pairs a pose annotation pickle may reference
ALLOWED_GLOBALS = {
    ('collections', 'OrderedDict'),
    ('collections', 'defaultdict'),
    ('builtins', 'set'),
    ('builtins', 'frozenset'),
    ('builtins', 'slice'),
    ('builtins', 'complex'),
    ('builtins', 'bytearray'),
    ('numpy', 'ndarray'),
    ('numpy', 'dtype'),
} | {(m, n)
     for m in ('numpy.core.multiarray', 'numpy._core.multiarray')
     for n in ('_reconstruct', 'scalar')
     } | {('numpy.dtypes', n)
          for n in ('Float16DType', 'Float32DType', 'Float64DType',
                    'Int8DType', 'Int16DType', 'Int32DType', 'Int64DType',
                    'UInt8DType', 'UInt16DType', 'UInt32DType', 'UInt64DType',
                    'BoolDType', 'StrDType', 'BytesDType', 'ObjectDType')}


class UnsafePickleError(pickle.UnpicklingError):
    """A pickle references something other than numpy arrays and builtins."""


class RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that only rebuilds numpy arrays and built-in containers."""

    def __init__(self, file, source: str = '<bytes>'):
        super().__init__(file)
        self.source = source

    def find_class(self, module, name):
        if (module, name) in ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise UnsafePickleError(
            f'{self.source}: refusing to load {module}.{name}; annotation '
            'pickles may only hold numpy arrays and built-in types')


def safe_load_pickle(path: str):
    """Load ``path`` with :class:`RestrictedUnpickler`."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'annotation file not found: {path}')
    with open(path, 'rb') as f:
        data = f.read()
    try:
        return RestrictedUnpickler(io.BytesIO(data), source=path).load()
    except UnsafePickleError:
        raise
    except Exception as e:
        raise pickle.UnpicklingError(
            f'{path}: not a readable pickle ({type(e).__name__}: {e})') from e
