from .confusion_matrix import confusion_matrix_figure, figure_to_rgb
from .corruption_plots import (accuracy_curve_figure, restoration_figure,
                               trajectory_figure)
from .motion_overlay import (MotionOverlayWriter, body_part_figure,
                             colour_wheel, draw_motion_overlay, flow_to_colour)
from .score_plots import score_scatter_figure
from .transfer_plots import transfer_bars_figure

__all__ = [
    'confusion_matrix_figure', 'figure_to_rgb', 'accuracy_curve_figure',
    'restoration_figure', 'score_scatter_figure', 'colour_wheel',
    'body_part_figure', 'draw_motion_overlay', 'flow_to_colour',
    'MotionOverlayWriter', 'transfer_bars_figure', 'trajectory_figure'
]
