from . import finetec, sefar
from .finetec import *
from .sefar import *
