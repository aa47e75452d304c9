"""Context-aware Sequence Completion (FineTec, Sec. 3 and appendix A/B)."""
from typing import Dict, Optional, Tuple

import numpy as np
import torch
from mmengine.model import BaseModule

from mmaction.registry import MODELS
from mmfine.datasets.transforms.frame_drop_masks import (PROMPT_STRATEGIES,
                                                         prompt_mask)
from mmfine.datasets.safe_pickle import safe_load_pickle
from .completion_mlp import CompletionMLP, frame_position_encoding
from .restoration_baselines import linear_interpolation


@MODELS.register_module()
class ContextAwareCompletion(BaseModule):
    """Restore dropped frames in context: ``S_base = f(prompt, query)``.

    Per window of ``window`` frames, the network reads four segments of frame
    tokens (``V * coord_dims`` coordinates + 1 mask bit + ``pe_dims``
    position dims, 43 for COCO-17 2D):

    1. the prompt input ``S_mask``: a skeleton-bank window masked by one of
       the five strategies (random, the query's own pattern, prefix, suffix,
       middle);
    2. the prompt target ``S_context``: the same bank window, clean;
    3. the query input ``S_corrupt``;
    4. the query target, started from the prior ``S_prior`` on dropped
       frames and the observation on kept ones.

    The prediction of segment 4 is ``S_base``; that of segment 1 completes
    the prompt. Loss (Eq. 14): ``MSE(S_gt, S_base) + MSE(S_context,
    completed S_mask)``. Both predictions are residuals on their starting
    point, so the untrained module returns its prior.

    Choices the paper leaves open, taken here:

    * ``prior='interpolation'`` (default) starts dropped frames from linear
      interpolation of the observed ones; ``'bank_mean'`` uses the bank's
      average window, the paper's ``S_prior``.
    * The prompt window is retrieved from the bank: the ``retrieve_k``
      windows closest to the query on its observed frames; training draws
      one of them at random (and a random strategy), inference takes the
      closest with the ``'pattern'`` strategy, so inference is
      deterministic.
    * Observed frames are returned as observed (``keep_observed``).
    * Clips longer than the window are completed window by window (the last
      window aligned to the clip's end); shorter clips are padded with
      dropped frames up to the window and cropped back.

    The bank (``bank_file``, built by ``tools/data/build_skeleton_bank.py``)
    is stored in the module's buffers, so a checkpoint carries it; the
    layout, joints, coordinate dims and window are stored too and a
    checkpoint for another layout is refused when loaded.

    Args:
        layout: layout name of the skeletons (checked against checkpoints).
        num_joints, coord_dims, window: skeleton and window sizes.
        num_blocks, hidden_dims, pe_dims: network sizes (hidden defaults to
            ``num_joints * coord_dims``, 34 for COCO-17 2D).
        bank_file: a skeleton bank pickle; without it (and before a
            checkpoint is loaded) the prompt is empty (zeros).
    """

    def __init__(self,
                 layout: str,
                 num_joints: int,
                 coord_dims: int = 2,
                 window: int = 16,
                 num_blocks: int = 48,
                 hidden_dims: Optional[int] = None,
                 pe_dims: int = 8,
                 prior: str = 'interpolation',
                 retrieve_k: int = 8,
                 keep_observed: bool = True,
                 bank_file: Optional[str] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        if prior not in ('interpolation', 'bank_mean'):
            raise ValueError(f"prior must be 'interpolation' or 'bank_mean', "
                             f'got {prior!r}')
        self.layout, self.num_joints = layout, num_joints
        self.coord_dims, self.window = coord_dims, window
        self.prior, self.retrieve_k = prior, retrieve_k
        self.keep_observed = keep_observed
        dims = num_joints * coord_dims
        self.network = CompletionMLP(4 * window, dims + 1 + pe_dims, dims,
                                     hidden_dims or dims, num_blocks)
        self.register_buffer(
            'position', frame_position_encoding(4 * window, pe_dims, window),
            persistent=False)
        self.register_buffer('bank_windows',
                             torch.zeros(0, window, num_joints, coord_dims))
        self.register_buffer('bank_prior',
                             torch.zeros(window, num_joints, coord_dims))
        if bank_file is not None:
            self.load_bank(bank_file)

    # -- the bank ----------------------------------------------------------
    def signature(self) -> Dict:
        return dict(layout=self.layout, num_joints=self.num_joints,
                    coord_dims=self.coord_dims, window=self.window)

    def load_bank(self, path: str) -> None:
        bank = safe_load_pickle(path)
        expected = self.signature()
        found = {k: bank.get(k) for k in expected}
        if found != expected:
            raise ValueError(f'{path}: the skeleton bank is for {found}, this '
                             f'completion module expects {expected}')
        windows = torch.as_tensor(np.asarray(bank['windows'], np.float32))
        if windows.ndim != 4 or len(windows) == 0 or \
                not torch.isfinite(windows).all():
            raise ValueError(f'{path}: bank windows must be a non-empty, '
                             'finite (N, window, joints, dims) array')
        self.bank_windows = windows
        self.bank_prior = windows.mean(0)
        self._index_key = None

    def get_extra_state(self) -> Dict:
        return self.signature()

    def set_extra_state(self, state: Dict) -> None:
        if state != self.signature():
            raise ValueError(
                f'completion checkpoint is for {state}, but this model '
                f'expects {self.signature()}: pre-train a completion module '
                'for this layout (configs/finetec/completion_*)')

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        key = prefix + 'bank_windows'
        if key in state_dict:  # the bank's size comes with the checkpoint
            self.bank_windows = torch.empty_like(state_dict[key])
            self._index_key = None
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # -- completion --------------------------------------------------------
    def _retrieve(self, query: torch.Tensor, keep: torch.Tensor,
                  rng: Optional[np.random.Generator]) -> torch.Tensor:
        """Bank windows closest to each query on its observed frames."""
        bank = self.bank_windows
        if len(bank) == 0:
            return torch.zeros_like(query)
        with torch.no_grad():
            # sum_w keep_w |q_w - b_w|^2 without the |q_w|^2 term (the same
            # for every bank window, so it cannot change the ranking); the
            # query is zero on dropped frames, so sum_w keep_w q_w.b_w is
            # one product of the flattened query with the flattened bank
            bank_t, bank_sq = self._bank_index()
            dist = torch.addmm(keep @ bank_sq, (query * keep[..., None, None]
                                                ).flatten(1), bank_t,
                               alpha=-2)
        k = min(self.retrieve_k, len(bank))
        nearest = dist.topk(k, dim=1, largest=False).indices
        if rng is None:
            choice = nearest[:, 0]
        else:
            choice = nearest[torch.arange(len(query)),
                             torch.as_tensor(rng.integers(0, k, len(query)))]
        return bank[choice]

    def _bank_index(self) -> Tuple[torch.Tensor, torch.Tensor]:
        """The flattened bank transposed, ``(W * V * C, B)``, and its squared
        norms per frame, ``(W, B)``, computed once per bank rather than on
        every retrieval."""
        bank = self.bank_windows
        key = (bank.data_ptr(), tuple(bank.shape), bank.device, bank._version)
        if getattr(self, '_index_key', None) != key:
            self._index = (bank.flatten(1).t().contiguous(),
                           bank.flatten(2).pow(2).sum(-1).t().contiguous())
            self._index_key = key
        return self._index

    def _prompt_masks(self, keep: torch.Tensor,
                      rng: Optional[np.random.Generator]) -> torch.Tensor:
        if rng is None:
            return keep.clone()  # the query's own pattern
        masks = []
        for row in keep.cpu().numpy() > 0.5:
            strategy = PROMPT_STRATEGIES[rng.integers(len(PROMPT_STRATEGIES))]
            ratio = 1.0 - row.mean()
            masks.append(prompt_mask(strategy, len(row), ratio, rng, row))
        return torch.as_tensor(np.stack(masks), dtype=keep.dtype,
                               device=keep.device)

    @staticmethod
    def _frame_of_reference(seq: torch.Tensor, keep: torch.Tensor
                            ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Centre (mean joint position) and scale (std of the coordinates)
        of each window's observed frames, ``(N, 1, 1, C)`` and
        ``(N, 1, 1, 1)``."""
        k = keep[..., None, None]
        count = (k.sum((1, 2, 3), keepdim=True) * seq.shape[2]).clamp(min=1)
        centre = (seq * k).sum((1, 2), keepdim=True) / count
        var = ((seq - centre)**2 * k).sum((1, 2, 3), keepdim=True) / (
            count * seq.shape[-1])
        return centre, var.sqrt().clamp(min=1e-3)

    def _start(self, seq: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """Observed frames, and the prior on the dropped ones."""
        if self.prior == 'interpolation':
            return linear_interpolation(seq, keep)
        prior = self.bank_prior[None]
        centre, scale = self._frame_of_reference(prior,
                                                 prior.new_ones(prior.shape[:2]))
        k = keep[..., None, None]
        return seq * k + (prior - centre) / scale * (1 - k)

    def complete_windows(
        self,
        corrupt: torch.Tensor,
        keep: torch.Tensor,
        rng: Optional[np.random.Generator] = None
    ) -> Tuple[torch.Tensor, Dict[str, torch.Tensor]]:
        """Complete windows ``(N, window, V, coord_dims)`` with keep masks
        ``(N, window)``. ``rng`` switches on training-time prompt sampling.

        Returns ``S_base`` and the prompt's ``context`` and ``completed``."""
        n = len(corrupt)
        keep = keep.to(corrupt.dtype)
        k = keep[..., None, None]
        corrupt = corrupt * k
        context = self._retrieve(corrupt, keep, rng)
        prompt_keep = self._prompt_masks(keep, rng)
        # each window is centred and scaled by its observed frames, so the
        # network sees motion, not where and how large the person is
        q_centre, q_scale = self._frame_of_reference(corrupt, keep)
        p_centre, p_scale = self._frame_of_reference(context, prompt_keep)
        query = (corrupt - q_centre) / q_scale * k
        context_n = (context - p_centre) / p_scale
        prompt_in = context_n * prompt_keep[..., None, None]
        prompt_start = self._start(prompt_in, prompt_keep) if len(
            self.bank_windows) else prompt_in
        query_start = self._start(query, keep)
        segments = [(prompt_in, prompt_keep),
                    (context_n, torch.ones_like(keep)), (query, keep),
                    (query_start, keep)]
        tokens = torch.cat([
            torch.cat([s.flatten(2), m[..., None]], -1) for s, m in segments
        ], 1)
        tokens = torch.cat(
            [tokens, self.position.expand(n, -1, -1).to(tokens.dtype)], -1)
        residual = self.network(tokens).reshape(n, 4, self.window,
                                                *corrupt.shape[2:])
        base = (query_start + residual[:, 3]) * q_scale + q_centre
        completed = (prompt_start + residual[:, 0]) * p_scale + p_centre
        if self.keep_observed and not self.training:
            base = corrupt * k + base * (1 - k)
        return base, dict(context=context, completed=completed)

    def forward(self, seq: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """Complete clips ``(N, T, V, coord_dims)`` of any length ``T``
        (inference, deterministic); returns ``(N, T, V, coord_dims)``.

        Clips that are all zero (MMAction2 pads absent persons with zeros)
        stay zero, and with ``keep_observed`` windows without a dropped
        frame are returned as they are: neither goes through the network.
        """
        present = seq.flatten(1).ne(0).any(1)
        if not present.all():
            out = torch.zeros_like(seq)
            if present.any():
                out[present] = self.forward(seq[present], keep[present])
            return out
        length, w = seq.shape[1], self.window
        if length < w:
            pad = w - length
            seq = torch.cat([seq, seq.new_zeros(len(seq), pad,
                                                 *seq.shape[2:])], 1)
            keep = torch.cat([keep, keep.new_zeros(len(keep), pad)], 1)
            return self.forward(seq, keep)[:, :length]
        starts = list(range(0, length - w + 1, w))
        if starts[-1] + w < length:
            starts.append(length - w)
        windows = torch.cat([seq[:, s:s + w] for s in starts])
        masks = torch.cat([keep[:, s:s + w] for s in starts])
        if ((masks > 0.5).sum(1) == 0).any():
            # fallback for a window with nothing observed (a long burst): it
            # is restored by interpolating the whole clip's observed frames
            filled = linear_interpolation(seq, keep)
            windows = torch.cat([filled[:, s:s + w] for s in starts])
            masks = torch.where((masks > 0.5).any(1, keepdim=True), masks,
                                torch.ones_like(masks))
        todo = (masks <= 0.5).any(1)
        if self.training or not self.keep_observed:
            todo = torch.ones_like(todo)
        base = windows.clone()
        if todo.any():
            base[todo] = self.complete_windows(windows[todo], masks[todo])[0]
        out = seq.clone()
        for i, s in enumerate(starts):
            out[:, s:s + w] = base[i * len(seq):(i + 1) * len(seq)]
        return out
