"""Context-aware Sequence Completion (FineTec, Sec. 3 and appendix A/B)."""
import json
import warnings
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
import torch
from mmengine.model import BaseModule

from mmaction.registry import MODELS
from mmfine.structures.frame_restoration import (linear_interpolation,
                                                 window_starts)
from mmfine.utils.safe_pickle import safe_load_pickle
from .completion_mlp import CompletionMLP, frame_position_encoding
from .prompt_masks import PROMPT_STRATEGIES, prompt_mask

PRIORS = ('bank_mean', 'interpolation')


def frame_of_reference(
        seq: torch.Tensor,
        keep: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """Centre and scale of windows on their observed frames.

    Args:
        seq (torch.Tensor): Windows ``(N, T, V, C)``.
        keep (torch.Tensor): Keep masks ``(N, T)``.

    Returns:
        tuple[torch.Tensor, torch.Tensor]: The mean joint position
        ``(N, 1, 1, C)`` and the standard deviation of the coordinates
        around it ``(N, 1, 1, 1)`` (at least 1e-3).
    """
    k = keep[..., None, None]
    count = (k.sum((1, 2, 3), keepdim=True) * seq.shape[2]).clamp(min=1)
    centre = (seq * k).sum((1, 2), keepdim=True) / count
    var = ((seq - centre)**2 * k).sum((1, 2, 3), keepdim=True) / (
        count * seq.shape[-1])
    return centre, var.sqrt().clamp(min=1e-3)


@MODELS.register_module()
class ContextAwareCompletion(BaseModule):
    """Restore dropped frames in context: ``S_base = f(prompt, query)``.

    Each window of ``window`` frames is centred and scaled by its observed
    frames (so the network sees motion, not where and how large the person
    is). The network reads four segments of frame tokens (``V *
    coord_dims`` coordinates + 1 mask bit + ``pe_dims`` position dims, 43
    for COCO-17 2D):

    1. the prompt input ``S_mask``: a skeleton-bank window masked by one of
       the five strategies (random, the query's own pattern, prefix, suffix,
       middle);
    2. the prompt target ``S_context``: the same bank window, clean;
    3. the query input ``S_corrupt``;
    4. the query target, started from the prior on dropped frames and the
       observation on kept ones.

    The prediction of segment 4 is ``S_base``; that of segment 1 completes
    the prompt. Loss (Eq. 14): ``MSE(S_gt, S_base) + MSE(S_context,
    completed S_mask)``. Both predictions are residuals on their starting
    point, so the untrained module returns its prior.

    The prompt window is retrieved from the bank: the ``retrieve_k`` bank
    windows closest to the query on its observed frames, both centred and
    scale-normalised, never a window of the query's own sample (the bank
    stores the sample id of each window; callers pass ``sample_ids``).
    Training draws one of the ``retrieve_k`` at random with a random
    strategy; inference takes the closest with the ``'pattern'`` strategy,
    so inference is deterministic. Clips longer than the window are
    completed window by window (non-overlapping, the last window aligned to
    the clip's end, ``window_starts``), each started from the
    interpolation of the whole clip (``'interpolation'`` prior), so that a
    dropped frame at a window's edge is started between its observed
    neighbours in the clip, not held at the window's last observed frame
    (pre-training does the same: ``SkeletonCompletionModel``); shorter
    clips are padded with dropped frames.

    The bank (``bank_file``, built by ``tools/data/build_skeleton_bank.py``)
    lives in the module's buffers, so a checkpoint carries it; the layout,
    joints, coordinate dims and window are stored too and a checkpoint for
    another layout is refused when loaded.

    Args:
        layout (str): Layout name of the skeletons (checked against banks
            and checkpoints).
        num_joints (int): Joints per frame ``V``.
        coord_dims (int): Coordinates per joint. Defaults to 2.
        window (int): Frames per completion window. Defaults to 16.
        num_blocks (int): Spatial/temporal MLP blocks. Defaults to 12, a
            departure from the paper's 48 resting on a measured ablation:
            on the embedded data (600 pre-training iterations, two seeds;
            configs/finetec/README.md) MPJPE at 75% dropped was
            0.0160/0.0160 with 12 blocks against 0.0257/0.0201 with 48
            (linear interpolation 0.0251), and FineTec's inference time
            is 1.21x ST-GCN's with 12 against 1.36x with 48
            (``benchmark_finetec_speed.py``). ``num_blocks=48`` is the
            paper's (trained 40k iterations there).
        hidden_dims (int, optional): Width of the blocks; None uses
            ``num_joints * coord_dims`` (34 for COCO-17 2D). Defaults to
            None.
        pe_dims (int): Position-encoding dims per frame. Defaults to 8.
        prior (str): The start of dropped frames: ``'interpolation'``
            (linear interpolation of the observed frames) or
            ``'bank_mean'``, the paper's ``S_prior`` (the bank's average
            normalised window). Defaults to ``'interpolation'``, a departure
            from the paper resting on a measured ablation: on the embedded
            data (600 pre-training iterations, the same bank and test
            samples; the demo's restoration table), MPJPE at 25/50/75%
            dropped was 0.0042/0.0088/0.0155 with interpolation against
            0.0047/0.0098/0.0178 with the bank mean (12 blocks; with 24:
            0.0043/0.0090/0.0161 against 0.0050/0.0104/0.0187; linear
            interpolation alone: 0.0056/0.0128/0.0251; on the two-turn
            version 0.0040/0.0083/0.0167 against 0.0055/0.0110/0.0196): a
            mean pose per frame, placed by the observed frames, is a poor
            start for a moving limb.
        retrieve_k (int): Nearest bank windows a training prompt is drawn
            from. Defaults to 8, a departure from the paper's random bank
            sequence (a value above the bank's size: every window of the
            other samples) resting on a measured ablation: on the embedded
            data (12 blocks, two seeds) MPJPE at 75% dropped 0.0157/0.0160
            with 8 against 0.0217/0.0212 with the random draw (level with
            1: 0.0162/0.0187 against 0.0161/0.0161, 24 blocks).
        centre_windows (bool): Centre and scale each window (query and
            prompt) by its observed frames before the network; False feeds
            image coordinates (retrieval stays normalised), the paper's
            input. Defaults to True, resting on a measured ablation: on
            the embedded data (24 blocks), MPJPE at 75% dropped
            0.0162/0.0187 centred against 0.0259/0.0259 in image
            coordinates (two seeds; linear interpolation 0.0251). With
            signed coordinates the output layer is linear (no ReLU).
        use_prompt (bool): False leaves the prompt segments empty (zeros),
            the "w/o ICL" ablation of Table 8. Defaults to True.
        keep_observed (bool): Return observed frames as observed at
            inference. Defaults to True.
        bank_file (str, optional): A skeleton bank pickle; without it (and
            before a checkpoint is loaded) the prompt is empty and the
            ``'bank_mean'`` prior is the zero pose. Defaults to None.
        init_cfg (dict, optional): Initialisation config. Defaults to None.
    """

    def __init__(self,
                 layout: str,
                 num_joints: int,
                 coord_dims: int = 2,
                 window: int = 16,
                 num_blocks: int = 12,
                 hidden_dims: Optional[int] = None,
                 pe_dims: int = 8,
                 prior: str = 'interpolation',
                 retrieve_k: int = 8,
                 centre_windows: bool = True,
                 use_prompt: bool = True,
                 keep_observed: bool = True,
                 bank_file: Optional[str] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg)
        if prior not in PRIORS:
            raise ValueError(f'prior must be one of {PRIORS}, got {prior!r}')
        if prior == 'bank_mean' and not centre_windows:
            raise ValueError("the 'bank_mean' prior is a normalised window: "
                             'it needs centre_windows=True')
        self.layout, self.num_joints = layout, num_joints
        self.coord_dims, self.window = coord_dims, window
        self.prior, self.retrieve_k = prior, retrieve_k
        self.centre_windows = centre_windows
        self.use_prompt, self.keep_observed = use_prompt, keep_observed
        # the clip length it was pre-trained on (``SkeletonCompletionModel``
        # sets it; checkpoints carry it): restoring clips of another length
        # restores another frame rate, which is warned about once
        self.clip_len: Optional[int] = None
        self._warned_clip_len = False
        dims = num_joints * coord_dims
        self.network = CompletionMLP(4 * window, dims + 1 + pe_dims, dims,
                                     hidden_dims or dims, num_blocks)
        self.register_buffer(
            'position',
            frame_position_encoding(4 * window, pe_dims, window),
            persistent=False)
        self.register_buffer('bank_windows',
                             torch.zeros(0, window, num_joints, coord_dims))
        self.register_buffer('bank_ids', torch.zeros(0, dtype=torch.long))
        self.register_buffer('bank_prior',
                             torch.zeros(window, num_joints, coord_dims))
        if bank_file is not None:
            self.load_bank(bank_file)

    # -- the bank ----------------------------------------------------------
    def signature(self) -> Dict:
        """The layout, joints, coordinate dims and window of this module."""
        return dict(
            layout=self.layout,
            num_joints=self.num_joints,
            coord_dims=self.coord_dims,
            window=self.window)

    def load_bank(self, path: str) -> None:
        """Load a skeleton bank pickle (``windows (N, window, V, C)`` and,
        from banks built since the ids were added, ``sample_ids (N,)``)."""
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
        if 'sample_ids' not in bank or len(bank['sample_ids']) != len(windows):
            raise ValueError(
                f'{path}: the bank has no sample id per window, so a query '
                'could be completed from its own clip; rebuild it with '
                'tools/data/build_skeleton_bank.py')
        self.set_bank(
            windows, torch.as_tensor(np.asarray(bank['sample_ids'], np.int64)))

    def set_bank(self, windows: torch.Tensor,
                 sample_ids: torch.Tensor) -> None:
        """Use ``windows`` ``(N, window, V, coord_dims)`` of the samples
        ``sample_ids`` ``(N,)`` (``mmfine.structures.sample_key`` of their
        ``frame_dir``) as the bank; ``S_prior`` becomes their mean
        normalised window."""
        self.bank_windows = windows.to(self.bank_windows)
        self.bank_ids = sample_ids.to(self.bank_ids)
        centre, scale = frame_of_reference(
            self.bank_windows, self.bank_windows.new_ones(windows.shape[:2]))
        self.bank_prior = ((self.bank_windows - centre) / scale).mean(0)
        self._index_key = None

    def settings(self) -> Dict:
        """What a checkpoint of this module must match: the signature,
        prior and centring."""
        return dict(
            self.signature(),
            prior=self.prior,
            centre_windows=self.centre_windows)

    def get_extra_state(self) -> torch.Tensor:
        """``settings`` and the pre-training ``clip_len`` as JSON bytes in a
        tensor: when distributed training starts, mmengine broadcasts every
        state entry, and only a tensor can be."""
        state = dict(self.settings(), clip_len=self.clip_len)
        text = json.dumps(state, sort_keys=True).encode()
        return torch.tensor(list(text), dtype=torch.uint8)

    def set_extra_state(self, state) -> None:
        if isinstance(state, torch.Tensor):
            state = json.loads(bytes(state.tolist()).decode())
        # else a dict: checkpoints written before the settings were a tensor
        # checkpoints from before the option all centred their windows
        state = dict(dict(centre_windows=True), **state)
        self.clip_len = state.pop('clip_len', None)  # None before it was kept
        expected = self.settings()
        if state != expected:
            raise ValueError(
                f'completion checkpoint is for {state}, but this model '
                f'expects {expected}: pre-train a completion module for '
                'this layout, prior and centring (configs/finetec/'
                'completion_*)')

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        for name in ('bank_windows', 'bank_ids'):
            if prefix + name in state_dict:  # the bank's size comes with it
                setattr(self, name,
                        torch.empty_like(state_dict[prefix + name]))
        self._index_key = None
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # -- completion --------------------------------------------------------
    def _bank_index(self) -> Tuple[torch.Tensor, torch.Tensor]:
        """The normalised bank, flattened and transposed ``(W * V * C, B)``,
        and its squared norms per frame ``(W, B)``, computed once per bank
        rather than on every retrieval."""
        bank = self.bank_windows
        key = (bank.data_ptr(), tuple(bank.shape), bank.device, bank._version)
        if getattr(self, '_index_key', None) != key:
            centre, scale = frame_of_reference(bank,
                                               bank.new_ones(bank.shape[:2]))
            normed = (bank - centre) / scale
            self._index = (normed.flatten(1).t().contiguous(),
                           normed.flatten(2).pow(2).sum(-1).t().contiguous())
            self._index_key = key
        return self._index

    def retrieve(self,
                 query: torch.Tensor,
                 keep: torch.Tensor,
                 sample_ids: Optional[torch.Tensor] = None,
                 rng: Optional[np.random.Generator] = None) -> torch.Tensor:
        """Bank windows closest to each normalised query.

        The distance is ``sum_t keep_t |q_t - b_t|^2`` between the query
        and each bank window, both centred and scale-normalised (the query
        on its observed frames); bank windows of the query's own sample are
        never returned.

        Args:
            query (torch.Tensor): Normalised windows ``(N, W, V, C)``, zero
                on dropped frames.
            keep (torch.Tensor): Keep masks ``(N, W)``.
            sample_ids (torch.Tensor, optional): ``(N,)`` sample id of each
                query. Defaults to None (no exclusion).
            rng (np.random.Generator, optional): Draw among the
                ``retrieve_k`` nearest (training); None takes the nearest.

        Returns:
            torch.Tensor: The chosen raw bank windows ``(N, W, V, C)``.
        """
        bank = self.bank_windows
        with torch.no_grad():
            # |q|^2 is the same for every bank window and cannot change the
            # ranking; the query is zero on dropped frames, so
            # sum_t keep_t q_t.b_t is one product of flattened tensors
            bank_t, bank_sq = self._bank_index()
            dist = torch.addmm(
                keep @ bank_sq, query.flatten(1), bank_t, alpha=-2)
            if sample_ids is not None:
                own = sample_ids.to(self.bank_ids)[:, None] == self.bank_ids
                dist = dist.masked_fill(own, float('inf'))
        others = dist.isfinite().sum(1)
        if not others.all():
            raise ValueError(
                'the skeleton bank holds no window of another sample than '
                f'{sample_ids[others == 0].tolist()}: build it from more '
                'samples (a prompt never comes from the query itself)')
        k = min(self.retrieve_k, len(bank))
        nearest = dist.topk(k, dim=1, largest=False).indices
        if rng is None:
            return bank[nearest[:, 0]]
        # among the k nearest windows of other samples (a ``retrieve_k``
        # above the bank's size draws from all of them, the paper's)
        draw = np.floor(rng.random(len(query)) *
                        others.clamp(max=k).cpu().numpy()).astype(int)
        return bank[nearest[torch.arange(len(query)), torch.as_tensor(draw)]]

    def _prompt_masks(self, keep: torch.Tensor,
                      rng: Optional[np.random.Generator]) -> torch.Tensor:
        if rng is None:
            return keep.clone()  # the query's own pattern
        masks = []
        for row in keep.cpu().numpy() > 0.5:
            strategy = PROMPT_STRATEGIES[rng.integers(len(PROMPT_STRATEGIES))]
            ratio = 1.0 - row.mean()
            masks.append(prompt_mask(strategy, len(row), ratio, rng, row))
        return torch.as_tensor(
            np.stack(masks), dtype=keep.dtype, device=keep.device)

    def _frame(self, centre: torch.Tensor,
               scale: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """The network's frame of reference: the windows' own (``centre``,
        ``scale`` from ``frame_of_reference``), or image coordinates
        without ``centre_windows``."""
        if self.centre_windows:
            return centre, scale
        return torch.zeros_like(centre), torch.ones_like(scale)

    def _start(self, seq: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        """Normalised observed frames, and the prior on the dropped ones."""
        if self.prior == 'interpolation':
            return linear_interpolation(seq, keep)
        k = keep[..., None, None]
        return seq * k + self.bank_prior * (1 - k)

    def clip_prior(self, seq: torch.Tensor,
                   keep: torch.Tensor) -> Optional[torch.Tensor]:
        """The start of the dropped frames of whole clips ``(N, T, V, C)``
        in image coordinates, for windows cut from them: the clip's
        interpolation (``'interpolation'`` prior); None for the bank prior,
        which each window places by its own observed frames."""
        if self.prior != 'interpolation':
            return None
        return linear_interpolation(seq, keep.to(seq.dtype))

    def prior_fill(self, seq: torch.Tensor,
                   keep: torch.Tensor) -> torch.Tensor:
        """The prior alone (no network): observed frames as observed,
        dropped ones from ``prior`` (clips longer than the window as
        ``forward`` tiles them); the "prior only" row of the restoration
        table.

        Args:
            seq (torch.Tensor): Clips ``(N, T, V, C)``, zero on dropped
                frames; each needs an observed frame.
            keep (torch.Tensor): Keep masks ``(N, T)``.

        Returns:
            torch.Tensor: ``(N, T, V, C)``.
        """
        keep = keep.to(seq.dtype)
        start = self.clip_prior(seq, keep)
        if start is not None:
            return start
        return self._tiled(seq, keep, self._window_prior_fill)

    def _window_prior_fill(self, seq: torch.Tensor, keep: torch.Tensor,
                           start: Optional[torch.Tensor]) -> torch.Tensor:
        """``prior_fill`` of ``window``-frame windows."""
        centre, scale = frame_of_reference(seq, keep)
        normed = (seq - centre) / scale * keep[..., None, None]
        return self._start(normed, keep) * scale + centre

    def complete_windows(
        self,
        corrupt: torch.Tensor,
        keep: torch.Tensor,
        sample_ids: Optional[torch.Tensor] = None,
        rng: Optional[np.random.Generator] = None,
        start: Optional[torch.Tensor] = None
    ) -> Tuple[torch.Tensor, Dict[str, torch.Tensor]]:
        """Complete windows of exactly ``window`` frames.

        Args:
            corrupt (torch.Tensor): Windows ``(N, window, V, coord_dims)``.
            keep (torch.Tensor): Keep masks ``(N, window)``; each window
                needs an observed frame.
            sample_ids (torch.Tensor, optional): ``(N,)`` sample ids, whose
                own bank windows are never used as prompts.
            rng (np.random.Generator, optional): Switches on training-time
                prompt sampling. Defaults to None.
            start (torch.Tensor, optional): The start of the dropped frames
                in image coordinates ``(N, window, V, coord_dims)``, cut
                from ``clip_prior`` of the clips the windows come from;
                None starts them from ``prior`` of each window alone.
                Defaults to None.

        Returns:
            tuple[torch.Tensor, dict]: ``S_base`` ``(N, window, V,
            coord_dims)``, and the prompt's ``context`` (the clean bank
            windows) and ``completed`` (its completion of ``S_mask``), in
            image coordinates.
        """
        n = len(corrupt)
        keep = keep.to(corrupt.dtype)
        k = keep[..., None, None]
        n_centre, n_scale = frame_of_reference(corrupt * k, keep)
        normed = (corrupt - n_centre) / n_scale * k  # the retrieval key
        q_centre, q_scale = self._frame(n_centre, n_scale)
        query = normed if self.centre_windows else corrupt * k
        if start is None:
            query_start = self._start(query, keep)
        else:
            query_start = query * k + (start - q_centre) / q_scale * (1 - k)
        segments = [(query, keep), (query_start, keep)]
        prompt = {}
        with_prompt = self.use_prompt and len(self.bank_windows) > 0
        if with_prompt:
            context = self.retrieve(normed, keep, sample_ids, rng)
            prompt_keep = self._prompt_masks(keep, rng)
            p_centre, p_scale = self._frame(
                *frame_of_reference(context, prompt_keep))
            context_n = (context - p_centre) / p_scale
            prompt_in = context_n * prompt_keep[..., None, None]
            segments = [(prompt_in, prompt_keep),
                        (context_n, torch.ones_like(keep))] + segments
        else:
            empty = torch.zeros_like(query)
            segments = [(empty, torch.zeros_like(keep))] * 2 + segments
        tokens = torch.cat(
            [torch.cat([s.flatten(2), m[..., None]], -1) for s, m in segments],
            1)
        tokens = torch.cat(
            [tokens, self.position.expand(n, -1, -1).to(tokens.dtype)], -1)
        residual = self.network(tokens).reshape(n, 4, self.window,
                                                *corrupt.shape[2:])
        base = (query_start + residual[:, 3]) * q_scale + q_centre
        if with_prompt:
            prompt_start = self._start(prompt_in, prompt_keep)
            prompt = dict(
                context=context,
                completed=(prompt_start + residual[:, 0]) * p_scale + p_centre)
        if self.keep_observed and not self.training:
            base = corrupt * k + base * (1 - k)
        return base, prompt

    def forward(self,
                seq: torch.Tensor,
                keep: torch.Tensor,
                sample_ids: Optional[Sequence] = None) -> torch.Tensor:
        """Complete clips of any length (inference, deterministic).

        Clips that are all zero (MMAction2 pads absent persons with zeros)
        and clips with no observed frame stay as they are; with
        ``keep_observed``, windows without a dropped frame are returned as
        they are: none of them goes through the network. A window with no
        observed frame inside a clip that has some (a long burst) is filled
        by the linear interpolation of the clip's observed frames, then
        treated as observed (the network has nothing to complete it from).

        Args:
            seq (torch.Tensor): Clips ``(N, T, V, coord_dims)``, zero on
                dropped frames.
            keep (torch.Tensor): Keep masks ``(N, T)``.
            sample_ids (Sequence, optional): ``(N,)`` sample ids (see
                ``retrieve``). Defaults to None.

        Returns:
            torch.Tensor: The completed clips ``(N, T, V, coord_dims)``.
        """
        if self.clip_len not in (None, seq.shape[1]) and \
                not self._warned_clip_len:
            self._warned_clip_len = True
            warnings.warn(
                f'the completion was pre-trained on {self.clip_len}-frame '
                f'clips and restores {seq.shape[1]}-frame ones, at another '
                'frame rate: pre-train it with the recognizer\'s clip_len '
                f'(--cfg-options clip_len={seq.shape[1]})')
        ids = None if sample_ids is None else torch.as_tensor(
            sample_ids, dtype=torch.long, device=seq.device)
        active = seq.flatten(1).ne(0).any(1) & (keep > 0.5).any(1)
        if not active.all():
            out = seq.clone()
            if active.any():
                out[active] = self.forward(
                    seq[active], keep[active],
                    None if ids is None else ids[active])
            return out

        def complete(windows, masks, start):
            todo = (masks <= 0.5).any(1)
            if self.training or not self.keep_observed:
                todo = torch.ones_like(todo)
            base = windows.clone()
            if todo.any():
                # the tiles of all clips, window by window (``_tiled``)
                window_ids = None if ids is None else ids.repeat(
                    len(windows) // len(ids))[todo]
                base[todo] = self.complete_windows(
                    windows[todo], masks[todo], window_ids,
                    start=None if start is None else start[todo])[0]
            return base

        return self._tiled(seq, keep, complete)

    def _tiled(self, seq: torch.Tensor, keep: torch.Tensor,
               fill) -> torch.Tensor:
        """Apply ``fill(windows, masks, start)`` to the ``window``-frame
        tiles of clips ``(N, T, V, C)`` (each with an observed frame),
        window after window; ``start`` is cut from ``clip_prior``. Clips
        shorter than the window are padded with dropped frames; a window
        with no observed frame is filled by the interpolation of its clip
        and treated as observed."""
        length, w = seq.shape[1], self.window
        if length < w:
            pad = w - length
            seq = torch.cat(
                [seq, seq.new_zeros(len(seq), pad, *seq.shape[2:])], 1)
            keep = torch.cat([keep, keep.new_zeros(len(keep), pad)], 1)
            return self._tiled(seq, keep, fill)[:, :length]
        starts = window_starts(length, w)

        def tiles(x):
            return torch.cat([x[:, s:s + w] for s in starts])

        prior = self.clip_prior(seq, keep)
        windows, masks = tiles(seq), tiles(keep)
        if ((masks > 0.5).sum(1) == 0).any():
            windows = tiles(prior if prior is not None else
                            linear_interpolation(seq, keep))
            masks = torch.where((masks > 0.5).any(1, keepdim=True), masks,
                                torch.ones_like(masks))
        filled = fill(windows, masks, None if prior is None else tiles(prior))
        out = seq.clone()
        for i, s in enumerate(starts):
            out[:, s:s + w] = filled[i * len(seq):(i + 1) * len(seq)]
        return out
