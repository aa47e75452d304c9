from . import (backbones, data_preprocessors, finetec, heads,  # noqa: F401
               recognizers, sefar)
from .backbones import *  # noqa: F401,F403
from .data_preprocessors import *  # noqa: F401,F403
from .finetec import *  # noqa: F401,F403
from .heads import *  # noqa: F401,F403
from .recognizers import *  # noqa: F401,F403
from .sefar import *  # noqa: F401,F403
