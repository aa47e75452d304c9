"""The dot-regression loss of a fixed ETF classifier (CoFInAl Eq. 15)."""
import torch

from mmaction.models.losses import BaseWeightedLoss
from mmaction.registry import MODELS


@MODELS.register_module()
class DotRegressionLoss(BaseWeightedLoss):
    """``mean((<h_bar, e_y> - 1)^2) / 2`` over the samples (CoFInAl Eq. 15,
    Yang et al. 2022): pulls each normalised feature onto its class's
    column of the fixed frame.

    Takes the cosines ``<h_bar, e_j>`` as scores (``SimplexETF``'s output),
    so the column of the target class is read off the scores. Eq. 15 names
    the *predicted* class's column; supervising the predicted column would
    reinforce every mistake, so the target's column is used, as in Yang et
    al.'s dot-regression loss that Eq. 15 cites.

    Args:
        loss_weight (float): Factor on the loss. Defaults to 1.0.
    """

    def _forward(self, cls_score: torch.Tensor, label: torch.Tensor,
                 **kwargs) -> torch.Tensor:
        if label.dim() != 1 or label.shape[0] != cls_score.shape[0]:
            raise ValueError(f'DotRegressionLoss needs one class index per '
                             f'sample, got labels of shape '
                             f'{tuple(label.shape)} for scores '
                             f'{tuple(cls_score.shape)}')
        target = cls_score.gather(1, label.long()[:, None]).squeeze(1)
        return 0.5 * ((target - 1)**2).mean()
