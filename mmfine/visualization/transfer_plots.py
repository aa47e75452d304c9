"""Known against unknown accuracy, one group of bars per method."""
import textwrap
from typing import Dict, Mapping

import numpy as np

FIGURES = (('known', 'known (same set)'), ('unknown', 'unknown (other set)'),
           ('HM', 'harmonic mean'))


def transfer_bars_figure(summaries: Mapping[str, Dict], title: str = ''):
    """Grouped bars of coarse known / unknown accuracy and their harmonic
    mean per method (means over seeds, std as error bars; figures as
    ``mmfine.apis.motion_transferability.summarise`` gives them)."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=(1.8 + 1.6 * len(summaries), 3.4), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    width = 0.8 / len(FIGURES)
    x = np.arange(len(summaries))
    for i, (key, label) in enumerate(FIGURES):
        means = [s[key]['mean'] for s in summaries.values()]
        stds = [s[key]['std'] for s in summaries.values()]
        bars = ax.bar(
            x + (i - 1) * width,
            means,
            width,
            yerr=stds,
            capsize=3,
            label=label)
        ax.bar_label(bars, fmt='%.0f', fontsize=7, padding=2)
    ax.set_xticks(x, list(summaries), fontsize=8)
    ax.set_ylim(0, 125)  # room for the legend above the bars
    ax.set_ylabel('coarse top-1 (%)')
    ax.legend(fontsize=7, loc='upper center', ncol=len(FIGURES))
    ax.grid(axis='y', alpha=0.3)
    if title:
        ax.set_title('\n'.join(textwrap.wrap(title, 60)), fontsize=9)
    fig.tight_layout()
    return fig
