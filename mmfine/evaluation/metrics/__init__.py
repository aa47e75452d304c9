from .confusion_matrix_plot import ConfusionMatrixPlot

__all__ = ['ConfusionMatrixPlot']
