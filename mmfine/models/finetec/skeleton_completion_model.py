"""Pre-training and restoration evaluation of the sequence completion
(FineTec, Eq. 14 and Table 3)."""
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch
from mmengine.model import BaseModel
from torch.nn import functional as F

from mmaction.registry import MODELS
from mmfine.structures import (RESTORERS, SCOPES, corruption_masks,
                               resolve_ratio, sample_key, sample_rng)

MODEL_RESTORERS = ('completion', 'completion_no_prompt', 'prior')


def sample_ids(data_samples) -> Optional[List[int]]:
    """``sample_key`` of each sample's ``frame_dir``; None when a sample has
    none."""
    if not data_samples:
        return None
    names = [s.metainfo.get('frame_dir') for s in data_samples]
    return None if None in names else [sample_key(n) for n in names]


def training_sample_ids(data_samples, completion) -> Optional[List[int]]:
    """``sample_ids`` for training with ``completion``: with a bank (built
    from the training split) a sample without ``frame_dir`` is an error, as
    its prompt could be its own clip."""
    ids = sample_ids(data_samples)
    if ids is None and len(completion.bank_windows):
        raise ValueError(
            "training with a skeleton bank needs every sample's frame_dir "
            "(add meta_keys=('frame_dir', ) to PackActionInputs): without it "
            "the prompt could be the sample's own clip")
    return ids


def observed_windows(masks: np.ndarray, window: int,
                     rng: np.random.Generator) -> np.ndarray:
    """Frame indices ``(N, window)`` of one window per keep mask ``(N, T)``,
    at a random start among those whose window holds a kept frame (the
    whole clip when ``T == window``, without a draw)."""
    length = masks.shape[1]
    if length == window:
        return np.broadcast_to(np.arange(window, dtype=np.int64),
                               masks.shape).copy()
    kept = np.concatenate([np.zeros((len(masks), 1)),
                           np.cumsum(masks > 0.5, 1)], 1)
    holds = kept[:, window:] - kept[:, :-window] > 0  # (N, T - window + 1)
    starts = [rng.choice(np.flatnonzero(row)) for row in holds]
    return np.asarray(starts, np.int64)[:, None] + np.arange(window)


@MODELS.register_module()
class SkeletonCompletionModel(BaseModel):
    """Train a ``ContextAwareCompletion`` on clean clips, or evaluate a
    restoration method on them.

    Training: each clip of the first person is corrupted at a ratio drawn
    from ``drop_ratios`` on its whole length (set the pipeline's
    ``clip_len`` to the recognizer's, so that the completion learns at the
    frame rate it restores), and one window of ``window`` frames holding an
    observed frame is cut from it at random and completed in context,
    started as ``forward`` starts the tiles of a long clip (from the
    interpolation of the whole clip with the ``'interpolation'`` prior,
    from each window's bank prior with ``'bank_mean'``); never prompted by
    a bank window of its own sample (pack ``frame_dir`` as a meta key).
    Loss Eq. 14, ``MSE(S_gt, S_base) + MSE(S_context, completed S_mask)``.

    Prediction: each sample is corrupted reproducibly, exactly as
    ``TemporalCorruption(test_mode=True, seed=seed, scope=scope)`` corrupts
    it in a recognizer's pipeline (pack ``frame_dir``, ``total_frames`` and
    ``frame_inds`` as meta keys), and restored by ``restorer``. The samples
    get ``pred_skeleton``, ``gt_skeleton`` ``(num_clips, T, V, coord_dims)``
    and ``frame_mask`` for ``SkeletonRestorationMetric``.

    Args:
        completion (dict): A ``ContextAwareCompletion`` config.
        drop_ratios (Sequence): Training drop ratios or level names, one
            drawn per clip. Defaults to ``('minor', 'moderate', 'severe')``.
        test_drop_ratio (float | str): The evaluation's ratio or level.
            Defaults to ``'moderate'``.
        restorer (str): ``'completion'``, ``'completion_no_prompt'`` (the
            same network with empty prompts), ``'prior'`` (the completion's
            prior alone, no network) or one of the baselines
            ``'left_to_right_copy'``, ``'right_to_left_copy'``,
            ``'linear_interpolation'``. Defaults to ``'completion'``.
        scope (str): The evaluation's corruption scope, ``'sample'`` or
            ``'clip'`` (see ``TemporalCorruption``). Defaults to
            ``'sample'``.
        seed (int): The evaluation's corruption seed. Defaults to 0.
        data_preprocessor (dict, optional): Config of the data
            preprocessor; None uses ``dict(type='ActionDataPreprocessor')``.
            Defaults to None.
    """

    def __init__(self,
                 completion: Dict,
                 drop_ratios: Sequence = ('minor', 'moderate', 'severe'),
                 test_drop_ratio='moderate',
                 restorer: str = 'completion',
                 scope: str = 'sample',
                 seed: int = 0,
                 data_preprocessor: Optional[Dict] = None) -> None:
        super().__init__(
            data_preprocessor=data_preprocessor or dict(
                type='ActionDataPreprocessor'))
        if restorer not in MODEL_RESTORERS and restorer not in RESTORERS:
            raise ValueError(f'unknown restorer {restorer!r}; expected one of '
                             f'{sorted(MODEL_RESTORERS + tuple(RESTORERS))}')
        if scope not in SCOPES:
            raise ValueError(f'scope must be one of {SCOPES}, got {scope!r}')
        self.completion = MODELS.build(completion)
        self.drop_ratios = [resolve_ratio(r) for r in drop_ratios]
        self.test_ratios = [resolve_ratio(test_drop_ratio)]
        self.restorer, self.scope, self.seed = restorer, scope, seed

    def _clean(self, inputs: torch.Tensor) -> torch.Tensor:
        """``(B, num_clips, M, T, V, C)`` -> first person's coordinates
        ``(B, num_clips, T, V, coord_dims)``."""
        if inputs.dim() != 6:
            raise ValueError('expected inputs (B, num_clips, M, T, V, C), got '
                             f'{tuple(inputs.shape)}')
        if not torch.isfinite(inputs).all():
            raise ValueError('non-finite keypoints in the batch')
        return inputs[:, :, 0, ..., :self.completion.coord_dims]

    def forward(self,
                inputs: torch.Tensor,
                data_samples=None,
                mode: str = 'tensor'):
        if mode == 'loss':
            return self.loss(inputs, data_samples)
        if mode == 'predict':
            return self.predict(inputs, data_samples)
        seq = self._clean(inputs)
        return self.completion(
            seq.flatten(0, 1),
            torch.ones(seq.shape[:3]).flatten(0, 1))

    def loss(self,
             inputs: torch.Tensor,
             data_samples=None) -> Dict[str, torch.Tensor]:
        """Eq. 14 on a batch of clean clips ``(B, num_clips, M, T, V, C)``,
        ``T >= window``."""
        clean = self._clean(inputs)
        clips = clean.flatten(0, 1)
        length, window = clips.shape[1], self.completion.window
        if length < window:
            raise ValueError(f'training clips must hold at least the '
                             f'completion window of {window} frames, got '
                             f'{length}: set clip_len accordingly')
        self.completion.clip_len = length
        rng = np.random.default_rng(int(torch.randint(2**31, ()).item()))
        masks = np.concatenate([
            corruption_masks(rng, self.drop_ratios, 1, length,
                             scope='clip')[1] for _ in range(len(clips))
        ])
        keep = torch.as_tensor(masks, dtype=clips.dtype, device=clips.device)
        start = self.completion.clip_prior(clips * keep[..., None, None],
                                           keep)
        rows = torch.as_tensor(
            observed_windows(masks, window, rng), device=clips.device)
        clip = torch.arange(len(clips), device=clips.device)[:, None]
        gt, keep = clips[clip, rows], keep[clip, rows]
        if start is not None:
            start = start[clip, rows]
        ids = training_sample_ids(data_samples, self.completion)
        if ids is not None:
            ids = torch.as_tensor(
                ids, device=gt.device).repeat_interleave(clean.shape[1])
        base, prompt = self.completion.complete_windows(
            gt * keep[..., None, None], keep, ids, rng, start)
        losses = dict(loss_query=F.mse_loss(base, gt))
        if prompt:
            losses['loss_prompt'] = F.mse_loss(prompt['completed'],
                                               prompt['context'])
        return losses

    def _test_masks(self, data_samples, num_clips: int,
                    clip_len: int) -> np.ndarray:
        masks = []
        for sample in data_samples:
            meta = sample.metainfo
            name = meta.get('frame_dir')
            needed = ('frame_dir', ) if self.scope == 'clip' else (
                'frame_dir', 'total_frames', 'frame_inds')
            missing = [k for k in needed if k not in meta]
            if missing:
                raise ValueError(
                    f'restoration evaluation needs the meta keys {missing}: '
                    "add them to PackActionInputs' meta_keys")
            masks.append(
                corruption_masks(
                    sample_rng(self.seed, name), self.test_ratios, num_clips,
                    clip_len, self.scope, meta.get('total_frames'),
                    meta.get('frame_inds'))[1])
        return np.stack(masks)

    def predict(self, inputs: torch.Tensor, data_samples) -> list:
        gt = self._clean(inputs)
        b, nc, t = gt.shape[:3]
        keep = torch.as_tensor(
            self._test_masks(data_samples, nc, t),
            dtype=gt.dtype,
            device=gt.device).flatten(0, 1)
        flat = gt.flatten(0, 1)
        corrupt = flat * keep[..., None, None]
        with torch.no_grad():
            if self.restorer in ('completion', 'completion_no_prompt'):
                ids = sample_ids(data_samples)
                use_prompt = self.completion.use_prompt
                # a model trained without prompts is never given one
                self.completion.use_prompt = use_prompt and \
                    self.restorer == 'completion'
                try:
                    restored = self.completion(
                        corrupt, keep,
                        None if ids is None else np.repeat(ids, nc))
                finally:
                    self.completion.use_prompt = use_prompt
            else:
                restored = corrupt.clone()
                some = keep.bool().any(1)
                restore = self.completion.prior_fill if \
                    self.restorer == 'prior' else RESTORERS[self.restorer]
                restored[some] = restore(corrupt[some], keep[some])
        restored = restored.reshape(gt.shape)
        keep = keep.reshape(b, nc, t)
        for i, sample in enumerate(data_samples):
            sample.set_field(restored[i].cpu(), 'pred_skeleton')
            sample.set_field(gt[i].cpu(), 'gt_skeleton')
            sample.set_field(keep[i].cpu(), 'frame_mask')
        return data_samples
