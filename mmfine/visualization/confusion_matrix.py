"""Confusion-matrix figure."""
from typing import Optional, Sequence

import numpy as np


def confusion_matrix_figure(matrix: np.ndarray,
                            class_names: Optional[Sequence[str]] = None,
                            title: str = 'Confusion matrix'):
    """A matplotlib ``Figure`` of the row-normalised ``matrix`` (rows: true
    class, columns: prediction) with the counts written in the cells."""
    from matplotlib.figure import Figure
    matrix = np.asarray(matrix)
    n = len(matrix)
    names = list(class_names) if class_names is not None else \
        [str(i) for i in range(n)]
    rates = matrix / np.maximum(matrix.sum(1, keepdims=True), 1)
    size = max(5, 0.45 * n + 2)
    fig = Figure(figsize=(size + 1.5, size), dpi=100)
    ax = fig.add_subplot()
    im = ax.imshow(rates, cmap='Blues', vmin=0, vmax=1)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label='recall')
    ax.set_xticks(range(n), names, rotation=60, ha='right', fontsize=7)
    ax.set_yticks(range(n), names, fontsize=7)
    ax.set_xlabel('predicted')
    ax.set_ylabel('true')
    acc = np.trace(matrix) / max(matrix.sum(), 1)
    ax.set_title(
        f'{title} (top-1 {acc:.3f}, mean class '
        f'{np.mean(np.diag(rates)):.3f})',
        fontsize=9)
    for i in range(n):
        for j in range(n):
            if matrix[i, j]:
                ax.text(
                    j,
                    i,
                    int(matrix[i, j]),
                    ha='center',
                    va='center',
                    fontsize=6,
                    color='white' if rates[i, j] > 0.5 else 'black')
    fig.tight_layout()
    return fig


def figure_to_rgb(fig) -> np.ndarray:
    """Render a ``Figure`` to an ``H x W x 3`` uint8 array."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].copy()
