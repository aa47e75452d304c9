"""mmfine: fine-grained action understanding as an MMAction2 plugin."""
from . import compat

compat.apply_all()

from . import (apis, datasets, engine, evaluation,  # noqa: E402,F401
               fileio, models, structures, visualization)
from .version import __version__  # noqa: E402

__all__ = ['__version__']
