from .confusion_matrix import confusion_matrix_figure, figure_to_rgb

__all__ = ['confusion_matrix_figure', 'figure_to_rgb']
