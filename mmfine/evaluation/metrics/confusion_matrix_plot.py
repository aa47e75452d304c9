"""Confusion matrix written as a plot into the run's visualisation folder."""
from typing import Optional, Sequence

import numpy as np
from mmengine.evaluator import BaseMetric
from mmengine.visualization import Visualizer

from mmaction.registry import METRICS
from mmfine.visualization import confusion_matrix_figure, figure_to_rgb


@METRICS.register_module()
class ConfusionMatrixPlot(BaseMetric):
    """Top-1, mean class accuracy and a confusion-matrix figure.

    The figure goes to the current visualizer (``vis_data/vis_image/
    {name}_{step}.png`` in the run's log folder with ``LocalVisBackend``)
    and, when ``out_file`` is given, to that path too. Class names come
    from the dataset's ``classes`` metainfo.

    Args:
        num_classes (int, optional): Size of the matrix; inferred from the
            data (largest label or prediction + 1) if omitted. Defaults to
            None.
        name (str): Image name in the visualizer. Defaults to
            ``'confusion_matrix'``.
        out_file (str, optional): Optional extra path of the PNG. Defaults
            to None.
        collect_device (str): Device name used for collecting results from
            different ranks during distributed training, ``'cpu'`` or
            ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): The prefix added to the metric names;
            ``default_prefix`` (``'confusion'``) when None. Defaults to
            None.
    """

    default_prefix = 'confusion'

    def __init__(self,
                 num_classes: Optional[int] = None,
                 name: str = 'confusion_matrix',
                 out_file: Optional[str] = None,
                 collect_device: str = 'cpu',
                 prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        self.num_classes = num_classes
        self.name = name
        self.out_file = out_file
        self._step = 0

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            self.results.append((int(sample['pred_score'].argmax()),
                                 int(sample['gt_label'].item())))

    def compute_metrics(self, results: list) -> dict:
        pred, gt = np.array(results, dtype=np.int64).T
        n = self.num_classes or int(max(pred.max(), gt.max()) + 1)
        matrix = np.zeros((n, n), dtype=np.int64)
        np.add.at(matrix, (gt, pred), 1)
        names = (self.dataset_meta or {}).get('classes')
        fig = confusion_matrix_figure(matrix, names)
        image = figure_to_rgb(fig)
        if self.out_file:
            fig.savefig(self.out_file)
        try:
            visualizer = Visualizer.get_current_instance()
        except RuntimeError:  # used outside a Runner
            visualizer = None
        if visualizer is not None:
            visualizer.add_image(self.name, image, step=self._step)
        self._step += 1
        rates = np.diag(matrix) / np.maximum(matrix.sum(1), 1)
        present = matrix.sum(1) > 0
        return dict(
            top1=float(np.trace(matrix) / matrix.sum()),
            mean_class_accuracy=float(rates[present].mean()))
