from .restoration_benchmark import RESTORER_NAMES, evaluate_restorers

__all__ = ['evaluate_restorers', 'RESTORER_NAMES']
