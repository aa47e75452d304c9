"""mmaction2 1.2.0 imports ``importlib_metadata`` without declaring it.

The requirement is declared by mmfine; when the backport is still missing, the
standard library's ``importlib.metadata`` (same API for what mmaction uses) is
registered under that name.
"""
import importlib
import importlib.metadata
import importlib.util
import sys


def apply() -> bool:
    if 'importlib_metadata' in sys.modules and \
            sys.modules['importlib_metadata'] is not None:
        return False
    try:
        if importlib.util.find_spec('importlib_metadata') is not None:
            return False
    except ValueError:
        pass
    sys.modules['importlib_metadata'] = importlib.metadata
    return True
