"""Predicted against true scores, one panel per method."""
from typing import Dict, Tuple

import numpy as np


def score_scatter_figure(series: Dict[str, Tuple[np.ndarray, np.ndarray]],
                         score_range: Tuple[float, float],
                         title: str = ''):
    """A scatter of ``(true, predicted)`` per method with the identity line;
    each panel's title gives its SRCC."""
    from matplotlib.figure import Figure

    from mmfine.evaluation.functional import srcc
    fig = Figure(figsize=(3.4 * len(series), 3.5), dpi=110)
    low, high = score_range
    for i, (name, (pred, gt)) in enumerate(series.items()):
        ax = fig.add_subplot(1, len(series), i + 1)
        ax.scatter(gt, pred, s=9, alpha=0.7)
        ax.plot([low, high], [low, high], color='grey', lw=1, ls='--')
        ax.set_xlim(low, high)
        ax.set_ylim(low, high)
        ax.set_aspect('equal')
        ax.set_xlabel('true score')
        if i == 0:
            ax.set_ylabel('predicted score')
        ax.set_title(f'{name} (SRCC {srcc(pred, gt):.3f})', fontsize=9)
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig
