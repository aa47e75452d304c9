"""Per-dimension standardisation of clip features, padding excluded."""
import torch
from torch import nn


class ClipFeatureNorm(nn.BatchNorm1d):
    """``BatchNorm1d`` over the feature dimensions of the valid clips only:
    padded clips neither enter the statistics nor change (they stay 0).

    Every scoring head starts with it, so each sees features standardised
    per dimension whatever their extractor's scale (VST features are
    post-LayerNorm, kinematic ones span three orders of magnitude); GDLT's
    input projection has BatchNorm for the same reason. This is our
    choice: CoFInAl's appendix compares other alignments (a linear map of
    the features to [0, D_C], [-1, 1] or [0, 1]; [-1, 1] best), which are
    not implemented. A training batch needs two valid clips at least.

    Args:
        num_features (int): The clip feature dimension.
    """

    def forward(self, clips: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """``(N, C, D)`` normalised features of ``clips`` ``(N, C, D)`` with
        valid clips ``mask`` ``(N, C)``."""
        valid = clips[mask]
        if self.training and valid.shape[0] < 2:
            raise ValueError(
                'ClipFeatureNorm: a training batch with fewer than two valid '
                'clips has no per-dimension statistics; use a larger batch '
                'or videos of more than one clip')
        out = torch.zeros_like(clips)
        out[mask] = super().forward(valid)
        return out
