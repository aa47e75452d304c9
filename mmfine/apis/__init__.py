from . import corruption_study
from .restoration_benchmark import RESTORER_NAMES, evaluate_restorers

__all__ = ['corruption_study', 'evaluate_restorers', 'RESTORER_NAMES']
