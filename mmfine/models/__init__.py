from . import backbones, data_preprocessors, finetec, heads, recognizers, sefar
from .backbones import *
from .data_preprocessors import *
from .finetec import *
from .heads import *
from .recognizers import *
from .sefar import *
