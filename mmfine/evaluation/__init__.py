from .metrics import ConfusionMatrixPlot

__all__ = ['ConfusionMatrixPlot']
