from . import finetec, recognizers  # noqa: F401
from .finetec import *  # noqa: F401,F403
from .recognizers import *  # noqa: F401,F403
