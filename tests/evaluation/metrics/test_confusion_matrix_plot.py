import numpy as np
import torch
from mmengine.visualization import Visualizer

from mmfine.evaluation import ConfusionMatrixPlot


def samples(pred, gt, n):
    out = []
    for p, g in zip(pred, gt):
        score = torch.zeros(n)
        score[p] = 1
        out.append(dict(pred_score=score, gt_label=torch.tensor([g])))
    return out


def test_values_match_a_direct_count(tmp_path):
    rng = np.random.default_rng(0)
    gt = rng.integers(0, 4, 50)
    pred = np.where(rng.random(50) < 0.7, gt, rng.integers(0, 4, 50))
    metric = ConfusionMatrixPlot(num_classes=4,
                                 out_file=str(tmp_path / 'cm.png'))
    metric.dataset_meta = dict(classes=('a', 'b', 'c', 'd'))
    metric.process({}, samples(pred[:20], gt[:20], 4))
    metric.process({}, samples(pred[20:], gt[20:], 4))
    out = metric.evaluate(50)
    recalls = [np.mean(pred[gt == c] == c) for c in range(4)]
    assert np.isclose(out['confusion/top1'], np.mean(pred == gt))
    assert np.isclose(out['confusion/mean_class_accuracy'], np.mean(recalls))
    assert (tmp_path / 'cm.png').stat().st_size > 1000


def test_absent_classes_do_not_count_and_image_goes_to_visualizer(tmp_path):
    vis = Visualizer.get_instance(
        'cm_test', vis_backends=[dict(type='LocalVisBackend')],
        save_dir=str(tmp_path))
    metric = ConfusionMatrixPlot(num_classes=3)
    metric.process({}, samples([0, 0, 2], [0, 1, 1], 3))
    out = metric.evaluate(3)
    assert np.isclose(out['confusion/mean_class_accuracy'], 0.5)  # 1.0, 0.0
    assert list(tmp_path.rglob('confusion_matrix_0.png'))
    assert vis is Visualizer.get_current_instance()
