import pytest
import torch

from mmfine.models.utils import DotRegressionLoss


def test_dot_regression_loss_value_and_target_column():
    cosines = torch.tensor([[0.2, 0.9, -0.5], [1.0, 0.0, 0.3]])
    labels = torch.tensor([1, 2])
    loss = DotRegressionLoss()(cosines, labels)
    expected = 0.5 * ((0.9 - 1)**2 + (0.3 - 1)**2) / 2
    assert loss.item() == pytest.approx(expected)
    assert DotRegressionLoss(loss_weight=2.0)(cosines, labels).item() == \
        pytest.approx(2 * expected)


def test_dot_regression_loss_rejects_soft_labels():
    with pytest.raises(ValueError, match='one class index per sample'):
        DotRegressionLoss()(torch.zeros(2, 3), torch.zeros(2, 3))
