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


def restoration_figure(rows: Dict[str, np.ndarray],
                       keep: np.ndarray,
                       edges,
                       title: str = ''):
    """Skeletons ``(T, V, 2)`` drawn frame by frame, one row per entry of
    ``rows`` (e.g. corrupted, completion, interpolation, ground truth; the
    last one sets the axes). Dropped frames are greyed in a row named
    ``'corrupted'`` and drawn in orange in the restorations; the ground
    truth is drawn faintly behind every restoration. A last row plots each
    restoration's error per frame (mean joint distance to the ground
    truth), and each restoration's label carries its MPJPE on the dropped
    frames.

    Args:
        rows (dict[str, np.ndarray]): Row name -> sequence ``(T, V, 2)``.
        keep (np.ndarray): ``(T,)`` 1 where a frame was observed.
        edges (Sequence[tuple[int, int]]): Bones to draw.
        title (str): Figure title. Defaults to ``''``.

    Returns:
        matplotlib.figure.Figure: The figure.
    """
    from matplotlib.figure import Figure
    names = list(rows)
    truth = rows[names[-1]]
    frames, count = len(truth), len(names)
    restorations = [n for n in names[1:-1] if n != 'corrupted']
    error = {
        n: np.linalg.norm(rows[n] - truth, axis=-1).mean(-1)
        for n in restorations
    }
    dropped_frames = keep < 0.5
    fig = Figure(figsize=(1.0 * frames, 1.2 * (count + 1)), dpi=100)
    lo = truth.reshape(-1, 2).min(0)
    hi = truth.reshape(-1, 2).max(0)
    pad = 0.1 * (hi - lo).max()
    for r, name in enumerate(names):
        seq = rows[name]
        restoration = 0 < r < count - 1 and name != 'corrupted'
        for t in range(frames):
            ax = fig.add_subplot(count + 1, frames, r * frames + t + 1)
            ax.set_xlim(lo[0] - pad, hi[0] + pad)
            ax.set_ylim(hi[1] + pad, lo[1] - pad)  # image y points down
            ax.set_xticks([])
            ax.set_yticks([])
            if t == 0:
                label = name
                if name in error and dropped_frames.any():
                    label += f'\n{error[name][dropped_frames].mean():.3g}'
                ax.set_ylabel(label, fontsize=7)
            dropped = keep[t] < 0.5
            if name == 'corrupted' and dropped:
                ax.set_facecolor('0.85')
                continue
            if restoration and dropped:
                for a, b in edges:
                    ax.plot(
                        truth[t, [a, b], 0],
                        truth[t, [a, b], 1],
                        color='0.8',
                        lw=2)
            colour = 'tab:orange' if (restoration and dropped) else \
                'tab:blue'
            for a, b in edges:
                ax.plot(
                    seq[t, [a, b], 0], seq[t, [a, b], 1], color=colour, lw=1)
    ax = fig.add_subplot(count + 1, 1, count + 1)
    for t in np.flatnonzero(dropped_frames):
        ax.axvspan(t - 0.5, t + 0.5, color='0.92')
    for name, values in error.items():
        ax.plot(values, marker='o', ms=3, label=name)
    ax.set_xlim(-0.5, frames - 0.5)
    ax.set_xlabel('frame (grey: dropped)', fontsize=7)
    ax.set_ylabel('error per frame', fontsize=7)
    ax.tick_params(labelsize=7)
    ax.legend(fontsize=7)
    fig.suptitle(title, fontsize=9)
    return fig


def trajectory_figure(detected: np.ndarray,
                      restored: Dict[str, np.ndarray],
                      frames: np.ndarray,
                      joint: int,
                      title: str = ''):
    """One joint's x and y over time: the detections (a line), and each
    restorer's values on the frames blanked on purpose (markers, on a grey
    band).

    Args:
        detected (np.ndarray): Detected keypoints ``(T, V, 2)``, NaN where
            nothing was detected (a gap in the line).
        restored (dict[str, np.ndarray]): Restorer -> ``(T, V, 2)``.
        frames (np.ndarray): The blanked (and restored) frame indices.
        joint (int): The joint drawn.
        title (str): Figure title. Defaults to ``''``.

    Returns:
        matplotlib.figure.Figure: The figure.
    """
    from matplotlib.figure import Figure
    fig = Figure(figsize=(9, 4.4), dpi=110)
    time = np.arange(len(detected))
    for row, axis in enumerate('xy'):
        ax = fig.add_subplot(2, 1, row + 1)
        for t in frames:
            ax.axvspan(t - 0.5, t + 0.5, color='0.9', lw=0)
        ax.plot(time, detected[:, joint, row], color='k', lw=1,
                label='detected')
        for (name, seq), marker in zip(restored.items(), 'ox+^'):
            ax.plot(frames, seq[frames, joint, row], marker, ms=4,
                    mfc='none', label=name)
        ax.set_ylabel(f'{axis} (px)')
        ax.grid(alpha=0.3)
        if row == 0:
            ax.set_title(title, fontsize=9)
            ax.legend(fontsize=7, ncol=len(restored) + 1)
    ax.set_xlabel('frame')
    fig.tight_layout()
    return fig
