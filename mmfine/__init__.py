"""mmfine: fine-grained action understanding as an MMAction2 plugin."""
from . import compat

compat.apply_all()

from . import (datasets, engine, evaluation, fileio,  # noqa: E402,F401
               structures, visualization)
from .version import __version__  # noqa: E402

__all__ = ['__version__']
