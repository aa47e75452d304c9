"""mmfine: fine-grained action understanding as an MMAction2 plugin."""
import warnings

from . import compat

# upstream noise on import that no mmfine user can act on: mmcv-lite has
# no compiled ops, and mmengine/mmaction import the deprecated pkg_resources
with warnings.catch_warnings():
    warnings.filterwarnings('ignore', message='Fail to import')
    warnings.filterwarnings('ignore', message='pkg_resources is deprecated')
    compat.apply_all()
    from . import (apis, datasets, engine, evaluation, fileio, models,
                   structures, visualization)
from .version import __version__

__all__ = ['__version__']
