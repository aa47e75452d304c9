"""The temporal perturbations SeFAR's Mod-Perturb is compared with
(Tables 4 and 7 of the paper), as strong-view transforms for ablations.

Mod-Perturb itself is ``ReverseFineElements``; warping is
``WarpElements``; "spatial-only" is a strong view without a temporal
transform."""
import numpy as np

from mmaction.registry import TRANSFORMS
from .element_frame_order import ElementFrameOrder


@TRANSFORMS.register_module()
class ShuffleFineElements(ElementFrameOrder):
    """Local shuffle (order-focused): a random frame order inside each
    fine-grained element, the context element (the last) kept."""

    def element_order(self, length: int, is_context: bool) -> np.ndarray:
        order = np.arange(length)
        return order if is_context else np.random.permutation(order)


@TRANSFORMS.register_module()
class PerturbWholeClip(ElementFrameOrder):
    """A perturbation of the whole clip's ``K`` frames, context included,
    in each of the ``num_clips`` views:

    * ``'reverse'`` (all reverse, order-focused): time runs backwards;
    * ``'shuffle'`` (all shuffle, order-focused): a random frame order;
    * ``'half'`` (T-Half, order-focused): a random contiguous half of the
      frames, each shown twice, so the clip covers half its time span;
    * ``'drop'`` (T-Drop / slow rate, speed-focused): every frame but the
      first is dropped with probability ``drop_ratio`` and shows the last
      kept frame instead, so the motion stutters.

    Args:
        mode (str): One of the above.
        drop_ratio (float): Drop probability of ``'drop'``. Defaults to
            0.5.
    """
    MODES = ('reverse', 'shuffle', 'half', 'drop')

    def __init__(self, mode: str, drop_ratio: float = 0.5) -> None:
        if mode not in self.MODES:
            raise ValueError(f'mode must be one of {self.MODES}, got '
                             f'{mode!r}')
        if not 0 <= drop_ratio < 1:
            raise ValueError(f'drop_ratio must lie in [0, 1), got '
                             f'{drop_ratio}')
        self.mode, self.drop_ratio = mode, drop_ratio

    def clip_order(self, k: int) -> np.ndarray:
        """The new order of one view's ``k`` frames."""
        order = np.arange(k)
        if self.mode == 'reverse':
            return order[::-1]
        if self.mode == 'shuffle':
            return np.random.permutation(order)
        if self.mode == 'half':
            half = -(-k // 2)  # ceil: the repeated half fills k frames
            start = np.random.randint(0, k - half + 1)
            return np.repeat(order[start:start + half], 2)[:k]
        kept = np.random.rand(k) >= self.drop_ratio
        kept[0] = True
        return np.maximum.accumulate(np.where(kept, order, 0))

    def permutation(self, elements, num_clips: int) -> np.ndarray:
        k = sum(elements)
        return np.concatenate(
            [self.clip_order(k) + clip * k for clip in range(num_clips)])

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(mode={self.mode!r}, '
                f'drop_ratio={self.drop_ratio})')
