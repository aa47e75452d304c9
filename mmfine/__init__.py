"""mmfine: fine-grained action understanding as an MMAction2 plugin."""
from . import compat

compat.apply_all()

from . import (apis, datasets, engine, evaluation, fileio, models, structures,
               visualization)
from .version import __version__

__all__ = ['__version__']
