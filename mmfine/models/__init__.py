from . import cofinal, finetec, sefar, utils
from .cofinal import *
from .finetec import *
from .sefar import *
from .utils import *
