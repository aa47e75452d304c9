"""mmaction2 1.2.0 imports ``importlib_metadata`` without declaring it.

The requirement is declared by mmfine; when the backport is still missing, the
standard library's ``importlib.metadata`` (same API for what mmaction uses) is
registered under that name.
"""
import importlib.metadata
import sys


def apply() -> bool:
    try:
        import importlib_metadata  # noqa: F401
        return False
    except ImportError:
        sys.modules['importlib_metadata'] = importlib.metadata
    return True
