"""Fill the frames where pose estimation lost the subject with FineTec's
pre-trained sequence completion (``extract_skeletons.py --restore``).

Only *gaps* are restored: runs of lost frames with a detection on both
sides, at most ``max_gap`` frames long (at most the completion's window
less 2, so that the window centred on a gap holds a detection on each
side). Frames before the subject's first
or after its last detection (not yet in view, gone) and longer gaps (it
left and came back) stay lost. Restored frames get coordinates, keep
``keypoint_score`` 0 (nothing was detected there) and are marked in
``restored (M, T)``; detected frames are returned unchanged.

Coordinates go through the completion in the frame its pre-training saw,
MMAction2's ``PreNormalize2D`` (``(x - w/2) / (w/2)``, ``(y - h/2) /
(h/2)`` from ``img_shape``), and back.
"""
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np
import torch


def load_completion(checkpoint: str, config: Optional[str] = None):
    """The ``ContextAwareCompletion`` of a completion pre-training
    checkpoint, in eval mode.

    Args:
        checkpoint (str): A checkpoint of a ``SkeletonCompletionModel``
            (``tools/train.py configs/finetec/completion_*.py``).
        config (str, optional): Its config; None reads the config that
            mmengine's Runner stores in the checkpoint's ``meta``.

    Returns:
        ContextAwareCompletion: The completion module (bank included).
    """
    from mmengine.config import Config
    from mmengine.runner import CheckpointLoader

    from mmaction.registry import MODELS
    from mmfine.utils import apply_skeleton_settings, load_config
    if not osp.isfile(checkpoint):
        raise FileNotFoundError(
            f'completion checkpoint {checkpoint} not found: pre-train one '
            'with tools/train.py configs/finetec/completion_*.py')
    ckpt = CheckpointLoader.load_checkpoint(
        checkpoint, map_location='cpu', logger='silent')
    if config is not None:
        cfg = load_config(config)
    else:
        text = ckpt.get('meta', {}).get('cfg')
        if not text:
            raise ValueError(
                f'{checkpoint} carries no config: give the completion '
                'pre-training config too (--restore-config)')
        cfg = apply_skeleton_settings(Config.fromstring(text, '.py'))
    model_cfg = cfg.model.get('completion')
    if model_cfg is None or cfg.model.get('type') != 'SkeletonCompletionModel':
        raise ValueError(f'{checkpoint}: its config is not a completion '
                         'pre-training (model.type SkeletonCompletionModel)')
    completion = MODELS.build(dict(model_cfg, bank_file=None))
    state = ckpt.get('state_dict', ckpt)
    sub = {
        k[len('completion.'):]: v
        for k, v in state.items() if k.startswith('completion.')
    }
    if not sub:
        raise ValueError(f'{checkpoint} holds no completion module weights')
    completion.load_state_dict(sub, strict=True)
    return completion.eval()


def restorable_gaps(score: np.ndarray, max_gap: int) -> np.ndarray:
    """Lost frames inside gaps of at most ``max_gap`` frames.

    Args:
        score (np.ndarray): ``keypoint_score`` of one person ``(T, V)``; a
            frame is lost when all its scores are 0.
        max_gap (int): The longest gap restored.

    Returns:
        np.ndarray: ``(T,)`` bool, True on the frames to restore.
    """
    detected = np.asarray(score).any(-1)
    out = np.zeros(len(detected), bool)
    seen = np.flatnonzero(detected)
    for a, b in zip(seen[:-1], seen[1:]):
        if 1 < b - a <= max_gap + 1:
            out[a + 1:b] = True
    return out


def longest_gap(restorer) -> int:
    """The longest gap ``restorer`` fills with a detection on each side in
    view: ``window - 2`` for the completion, 14 for others."""
    return getattr(restorer, 'window', 16) - 2


def check_max_gap(restorer, max_gap: Optional[int]) -> int:
    """``max_gap``, or :func:`longest_gap` for None; a ValueError when it
    is below 1 or above :func:`longest_gap`."""
    longest = longest_gap(restorer)
    if max_gap is None:
        return longest
    if not 1 <= max_gap <= longest:
        raise ValueError(
            f'max_gap must lie in [1, {longest}], got {max_gap}: the '
            f'restorer sees {longest + 2} frames, and a gap needs a '
            'detection on each side in view')
    return max_gap


def restore_annotation(ann: dict,
                       restorer,
                       max_gap: Optional[int] = None) -> dict:
    """``ann`` with its gaps filled by ``restorer`` and ``restored`` added
    (see the module docstring).

    Args:
        ann (dict): A ``PoseDataset`` annotation of 2D keypoints, as the
            extractor writes them (``keypoint (M, T, V, 2)``,
            ``keypoint_score (M, T, V)``, ``img_shape``, ``frame_dir``;
            ``layout`` when the extractor wrote one).
        restorer (ContextAwareCompletion | callable): The completion from
            :func:`load_completion` (its layout and joints are checked, and
            it is never prompted by a bank window of this video), or any
            ``f(seq (N, T, V, 2), keep (N, T)) -> (N, T, V, 2)``, e.g.
            ``mmfine.structures.frame_restoration.linear_interpolation``.
        max_gap (int, optional): The longest gap restored, at most
            :func:`longest_gap`; None: that.

    Returns:
        dict: A new annotation; ``ann`` is not modified.
    """
    from mmfine.structures.frame_drop_masks import sample_key
    keypoint = np.asarray(ann['keypoint'], np.float32)
    score = np.asarray(ann['keypoint_score'], np.float32)
    name = ann.get('frame_dir', 'sample')
    if keypoint.ndim != 4 or keypoint.shape[-1] != 2:
        raise ValueError(f'{name}: restoration takes 2D keypoints (M, T, V, '
                         f'2), got {keypoint.shape}')
    if 'img_shape' not in ann:
        raise ValueError(f'{name}: no img_shape (keypoints are normalised '
                         'by it, as PreNormalize2D does in pre-training)')
    completion = hasattr(restorer, 'layout')
    if completion:
        layout = ann.get('layout')
        if layout is not None and layout != restorer.layout:
            raise ValueError(f'{name}: keypoints in layout {layout!r}, the '
                             f'completion is for {restorer.layout!r}')
        if keypoint.shape[-2:] != (restorer.num_joints, restorer.coord_dims):
            raise ValueError(
                f'{name}: keypoints {keypoint.shape[-2:]} per frame, the '
                f'completion expects ({restorer.num_joints}, '
                f'{restorer.coord_dims})')
    max_gap = check_max_gap(restorer, max_gap)
    restored = np.stack([restorable_gaps(s, max_gap) for s in score])
    out = dict(ann, restored=restored)
    if not restored.any():
        return out
    h, w = ann['img_shape']
    half = np.array([w / 2, h / 2], np.float32)
    keep = score.any(-1)
    seq = (keypoint - half) / half * keep[..., None, None]
    window = getattr(restorer, 'window', None)
    extra = (torch.tensor([sample_key(str(name))]), ) if completion else ()
    new = keypoint.copy()
    with torch.no_grad():
        for m, start, a, b in gap_windows(restored, window):
            stop = len(keep[m]) if start is None else start + window
            start = start or 0
            filled = restorer(
                torch.from_numpy(seq[m:m + 1, start:stop]),
                torch.from_numpy(keep[m:m + 1, start:stop] * 1.0).float(),
                *extra)
            new[m, a:b] = filled[0, a - start:b - start].numpy() * half + half
    out['keypoint'] = new
    return out


def gap_windows(restored: np.ndarray, window: Optional[int]):
    """``(person, window start, gap start, gap stop)`` per gap: a window of
    ``window`` frames centred on the gap (gaps are at most ``window - 2``
    long, so it holds a detection on each side; non-overlapping tiles would
    cut gaps at their edges). The start is None, the whole sequence,
    without a ``window`` (other restorers) and for sequences shorter than
    it.
    """
    for m, row in enumerate(restored):
        edges = np.flatnonzero(np.diff(np.r_[0, row.astype(int), 0]))
        for a, b in zip(edges[::2], edges[1::2]):
            if window is None or len(row) < window:
                yield m, None, a, b
            else:
                start = a - (window - (b - a)) // 2
                yield m, int(np.clip(start, 0, len(row) - window)), a, b


def blank_detections(ann: dict,
                     ratio: float,
                     seed: int = 0,
                     mean_burst: float = 6.0) -> np.ndarray:
    """Frames of the first person to blank on purpose: bursts (as a
    detector loses fast motion) over about ``ratio`` of its detected
    frames, strictly between its first and last detection, seeded by
    ``seed`` and the sample's ``frame_dir`` (the same for every
    restorer).

    Returns:
        np.ndarray: ``(T,)`` bool, True on the frames to blank.
    """
    from mmfine.datasets.transforms.detected_window import detected_frames
    from mmfine.structures.frame_drop_masks import burst_drop_mask, sample_rng
    detected = detected_frames(ann)
    seen = np.flatnonzero(detected)
    if len(seen) < 3:
        return np.zeros(len(detected), bool)
    inner = np.zeros(len(detected), bool)
    inner[seen[0] + 1:seen[-1]] = True
    rng = sample_rng(seed, str(ann.get('frame_dir', '')))
    keep = burst_drop_mask(len(detected), ratio, rng, mean_burst)
    return ~keep & detected & inner


def restoration_errors(ann: dict,
                       restorers: dict,
                       ratio: float,
                       seed: int = 0,
                       mean_burst: float = 6.0,
                       max_gap: Optional[int] = None,
                       min_score: float = 0.0) -> dict:
    """Blank detected frames of ``ann`` on purpose, restore them with each
    restorer and measure the error against the detections.

    Every restorer fills the same frames (the blanked ones inside gaps of at
    most ``max_gap``) from the same input, and is scored on the same
    joints: those the detector scored at least ``min_score`` (detectors
    place joints they cannot see, e.g. ankles out of the frame, with a low
    score).

    Args:
        ann (dict): A ``PoseDataset`` annotation (first person used).
        restorers (dict): Name -> restorer (see :func:`restore_annotation`).
        ratio (float): Share of detected frames blanked.
        seed (int): Blanking seed. Defaults to 0.
        mean_burst (float): Mean burst length. Defaults to 6.
        max_gap (int, optional): See :func:`restore_annotation`.
        min_score (float): The detection score a joint needs to be scored.
            Defaults to 0.

    Returns:
        dict: ``frames`` (the evaluated frame indices), ``errors`` (name ->
        ``(len(frames), V)`` pixel distances to the detected keypoints, NaN
        on joints scored below ``min_score``),
        ``restored`` (name -> ``(T, V, C)`` restored keypoints) and
        ``detected`` (``(T, V, C)``).
    """
    max_gap = min(check_max_gap(r, max_gap) for r in restorers.values())
    blank = blank_detections(ann, ratio, seed, mean_burst)
    keypoint = np.array(ann['keypoint'][:1], np.float32)
    score = np.array(ann['keypoint_score'][:1], np.float32)
    detected = keypoint[0].copy()
    confident = score[0] >= min_score
    keypoint[0, blank] = 0
    score[0, blank] = 0
    blanked = dict(ann, keypoint=keypoint, keypoint_score=score)
    frames = None
    errors, restored = {}, {}
    for name, restorer in restorers.items():
        out = restore_annotation(blanked, restorer, max_gap)
        if frames is None:
            frames = np.flatnonzero(blank & out['restored'][0])
        restored[name] = out['keypoint'][0]
        error = np.linalg.norm(
            out['keypoint'][0, frames] - detected[frames], axis=-1)
        errors[name] = np.where(confident[frames], error, np.nan)
    return dict(
        frames=frames, errors=errors, restored=restored, detected=detected)


def pooled_errors(results: Sequence[dict]) -> Dict[str, np.ndarray]:
    """Each restorer's errors over several :func:`restoration_errors`
    results (e.g. seeds), on the scored joints only, as one flat array."""
    pooled = {}
    for name in results[0]['errors']:
        values = np.concatenate([r['errors'][name].ravel() for r in results])
        pooled[name] = values[~np.isnan(values)]
    return pooled
