import numpy as np

from mmfine.structures import get_layout
from mmfine.visualization import restoration_figure


def test_restoration_figure_plots_each_restorations_error_per_frame():
    rng = np.random.default_rng(0)
    truth = rng.normal(size=(6, 17, 2))
    keep = np.array([1, 0, 0, 1, 0, 1], np.float32)
    close = truth + 0.01 * rng.normal(size=truth.shape)
    far = truth + 0.5 * rng.normal(size=truth.shape)
    fig = restoration_figure(
        {'corrupted': truth * keep[:, None, None], 'completion': close,
         'interpolation': far, 'ground truth': truth},
        keep, get_layout('coco17').inward)
    error_axes = fig.axes[-1]
    assert len(fig.axes) == 4 * 6 + 1
    for line, seq in zip(error_axes.lines, (close, far)):
        expected = np.sqrt(((seq - truth)**2).sum(-1)).mean(-1)
        np.testing.assert_allclose(line.get_ydata(), expected)
    labels = [fig.axes[r * 6].get_ylabel() for r in (1, 2)]
    dropped = keep < 0.5
    for label, seq in zip(labels, (close, far)):
        mpjpe = np.sqrt(((seq - truth)**2).sum(-1)).mean(-1)[dropped].mean()
        assert label.endswith(f'{mpjpe:.3g}')
