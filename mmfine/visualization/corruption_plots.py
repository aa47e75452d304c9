"""Figures of the temporal-corruption benchmark: accuracy against the
corruption level, and a corrupted / restored / ground-truth sequence."""
from typing import Dict, Sequence

import numpy as np


def accuracy_curve_figure(levels: Sequence[float],
                          accuracy: Dict[str, Sequence[float]],
                          metric: str = 'top-1'):
    """Accuracy of each method (a line) against the fraction of dropped
    frames."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(5, 3.6), dpi=110)
    ax = fig.add_subplot()
    for name, values in accuracy.items():
        ax.plot(np.asarray(levels) * 100, values, marker='o', label=name)
    ax.set_xlabel('frames dropped (%)')
    ax.set_ylabel(metric)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig


def restoration_figure(corrupt: np.ndarray, restored: np.ndarray,
                       truth: np.ndarray, keep: np.ndarray, edges,
                       title: str = ''):
    """Three rows (corrupted, restored, ground truth) of skeletons
    ``(T, V, 2)`` drawn frame by frame; dropped frames are greyed in the
    first row and drawn in orange in the second."""
    from matplotlib.figure import Figure
    frames = len(truth)
    fig = Figure(figsize=(1.0 * frames, 3.6), dpi=100)
    rows = [('corrupted', corrupt), ('restored', restored),
            ('ground truth', truth)]
    lo = truth.reshape(-1, 2).min(0)
    hi = truth.reshape(-1, 2).max(0)
    pad = 0.1 * (hi - lo).max()
    for r, (name, seq) in enumerate(rows):
        for t in range(frames):
            ax = fig.add_subplot(3, frames, r * frames + t + 1)
            ax.set_xlim(lo[0] - pad, hi[0] + pad)
            ax.set_ylim(hi[1] + pad, lo[1] - pad)  # image y points down
            ax.set_xticks([])
            ax.set_yticks([])
            if t == 0:
                ax.set_ylabel(name, fontsize=7)
            dropped = keep[t] < 0.5
            if r == 0 and dropped:
                ax.set_facecolor('0.85')
                continue
            colour = 'tab:orange' if (r == 1 and dropped) else 'tab:blue'
            for a, b in edges:
                ax.plot(seq[t, [a, b], 0], seq[t, [a, b], 1], color=colour,
                        lw=1)
    fig.suptitle(title, fontsize=9)
    return fig
