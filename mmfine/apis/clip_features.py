"""Clip features for action quality assessment (CoFInAl's input).

CoFInAl (Zhou et al., IJCAI 2024, Sec. 4.1) cuts every video into
non-overlapping 32-frame clips and encodes each clip with a pretrained
Video Swin-B (short side resized to 256, centre crop 224, 3D average
pooling of the backbone output): a video becomes ``(N_clips, D)``
features, which the assessor reads instead of pixels.

    from mmfine.apis import clip_features as cf
    model = cf.build_feature_extractor(CONFIG, CHECKPOINT, device='cuda')
    feats = cf.video_clip_features(model, 'dive.mp4')     # (N, 1024)
    result = cf.extract_video_features(
        model, cf.list_videos('data/videos'), 'data/features')
    print(result.summary())

Any MMAction2 ``Recognizer3D`` (Swin, I3D, SlowFast, X3D, ...) or
``Recognizer2D`` (TSN, TSM: frames encoded one by one, then averaged over
the clip) works for videos and any ``RecognizerGCN`` (ST-GCN, AAGCN,
CTR-GCN, ...) for skeletons. ``tools/data/extract_clip_features.py`` is
the command line.
"""
import io
import os
import os.path as osp
from typing import (Callable, Iterable, List, NamedTuple, Optional, Sequence,
                    Tuple, Union)

import cv2
import numpy as np
import torch
from mmengine.config import Config

from mmfine.utils import atomic_write_bytes, load_config, split_datasets

#: file endings listed as videos when no video list is given
VIDEO_EXTENSIONS = ('.mp4', '.avi', '.mkv', '.webm', '.mov', '.m4v', '.flv',
                    '.mpg', '.mpeg', '.wmv', '.3gp')

#: test-pipeline steps that act on a whole skeleton sequence and are
#: applied before it is cut into clips; sampling, decoding, augmentation
#: and packing steps are left out (the clips replace them)
POSE_SEQUENCE_STEPS = ('PreNormalize2D', 'PreNormalize3D', 'GenSkeFeat',
                       'JointToBone', 'ToMotion', 'MergeSkeFeat',
                       'FormatGCNInput')


def build_feature_extractor(
        config: Union[str, Config],
        checkpoint: Optional[str] = None,
        device: str = 'cpu',
        cfg_options: Optional[dict] = None) -> torch.nn.Module:
    """Build an MMAction2 recognizer whose backbone encodes clips.

    Args:
        config (str | Config): An MMAction2 config (path or object) with a
            ``Recognizer3D``, ``Recognizer2D`` or ``RecognizerGCN`` model.
        checkpoint (str, optional): Weights to load. ``None`` keeps the
            random initialisation (only useful for tests). Every backbone
            parameter must be in the checkpoint (a checkpoint of another
            architecture is an error); head weights may be missing.
            Defaults to None.
        device (str): Where the model runs. Defaults to ``'cpu'``.
        cfg_options (dict, optional): Settings merged into a config
            given as a path. Defaults to None.

    Returns:
        torch.nn.Module: The recognizer in eval mode, with its config as
        ``model.cfg`` (as ``mmaction.apis.init_recognizer`` sets it).
    """
    from mmengine.registry import init_default_scope

    import mmfine  # noqa: F401  (registers mmfine's modules)
    from mmaction.registry import MODELS
    if isinstance(config, (str, os.PathLike)):
        if not osp.isfile(config):
            raise FileNotFoundError(f'config not found: {config}')
        source = str(config)
        config = load_config(source, cfg_options)
    elif isinstance(config, Config):
        source = config.filename or '<config>'
    else:
        raise TypeError(f'config must be a path or an mmengine Config, got '
                        f'{type(config).__name__}')
    if 'model' not in config:
        raise ValueError(f'{source}: the config has no model')
    init_default_scope(config.get('default_scope', 'mmaction'))
    # the ImageNet weights a config names for training are not needed
    # (nor reachable offline): the checkpoint holds the backbone
    if config.model.get('backbone', {}).get('pretrained'):
        config.model.backbone.pretrained = None
    model = MODELS.build(config.model)
    if checkpoint is not None:
        _load_weights(model, checkpoint)
    model.cfg = config
    return model.to(device).eval()


def _load_weights(model: torch.nn.Module,
                  checkpoint: str,
                  required: Sequence[str] = ('backbone', )) -> None:
    """Load ``checkpoint`` into ``model``; every weight of the ``required``
    modules must be there."""
    from mmengine.runner import CheckpointLoader, load_state_dict
    if not osp.isfile(checkpoint):
        raise FileNotFoundError(f'checkpoint not found: {checkpoint}')
    try:
        loaded = CheckpointLoader.load_checkpoint(checkpoint, 'cpu')
    except Exception as e:
        raise ValueError(f'{checkpoint}: not a readable checkpoint '
                         f'({type(e).__name__}: {e})') from e
    state = loaded.get('state_dict', loaded) if isinstance(loaded,
                                                           dict) else None
    if not isinstance(state, dict) or not state:
        raise ValueError(f'{checkpoint}: holds no state_dict')
    state = {
        k[len('module.'):] if k.startswith('module.') else k: v
        for k, v in state.items()
    }
    prefixes, what = tuple(f'{m}.' for m in required), '/'.join(required)
    expected = model.state_dict()
    missing = [
        k for k in expected if k.startswith(prefixes) and k not in state
    ]
    if missing:
        raise ValueError(
            f'{checkpoint}: {len(missing)} of the {what} weights are '
            f'missing (first: {missing[:3]}); is it a checkpoint of this '
            'config\'s model?')
    wrong = [
        f'{k} {tuple(state[k].shape)} != {tuple(v.shape)}'
        for k, v in expected.items() if k.startswith(prefixes)
        and tuple(state[k].shape) != tuple(v.shape)
    ]
    if wrong:
        raise ValueError(f'{checkpoint}: {what} weights of the wrong '
                         f'shape (first: {wrong[:3]})')
    load_state_dict(model, state, strict=False, logger='current')


def _pool(feats, channel_dim: int = 1) -> torch.Tensor:
    """Average over every dimension but batch (0) and ``channel_dim``; the
    parts of a tuple (SlowFast's pathways) are pooled, then concatenated
    along the channels, as ``SlowFastHead`` does."""
    if isinstance(feats, (tuple, list)):
        return torch.cat([_pool(f, channel_dim) for f in feats], dim=1)
    if feats.ndim == 2:
        return feats
    dims = [d for d in range(1, feats.ndim) if d != channel_dim]
    return feats.mean(dim=dims)


def clip_starts(num_frames: int, clip_len: int) -> List[int]:
    """First frame of each non-overlapping clip: ``floor(T / clip_len)``
    clips (a tail shorter than a clip is dropped), or one clip at 0 when
    ``T < clip_len``."""
    if num_frames < 1:
        raise ValueError(f'no frames (T = {num_frames})')
    if clip_len < 1:
        raise ValueError(f'clip_len must be positive, got {clip_len}')
    return list(range(0, max(num_frames // clip_len, 1) * clip_len, clip_len))


def clip_indices(start: int, clip_len: int, num_frames: int) -> List[int]:
    """Frame indices of the clip from ``start``; past the last frame the
    last frame is repeated."""
    return [min(i, num_frames - 1) for i in range(start, start + clip_len)]


def resize_crop(frame: np.ndarray, short_side: int,
                crop_size: int) -> np.ndarray:
    """Resize ``frame`` (H, W, 3) so that its short side is ``short_side``
    (bilinear, MMAction2's ``Resize(scale=(-1, short_side))``), then take
    the centre ``crop_size`` square (MMAction2's ``CenterCrop``)."""
    h, w = frame.shape[:2]
    scale = short_side / min(h, w)
    new_w, new_h = int(w * scale + 0.5), int(h * scale + 0.5)
    if (new_w, new_h) != (w, h):
        frame = cv2.resize(
            frame, (new_w, new_h), interpolation=cv2.INTER_LINEAR)
    top, left = (new_h - crop_size) // 2, (new_w - crop_size) // 2
    return frame[top:top + crop_size, left:left + crop_size]


def backbone_features(model: torch.nn.Module, inputs: List[torch.Tensor]):
    """The backbone's output for a batch of samples (each ``(views, ...)``)
    through the model's data preprocessor (normalisation, colour order,
    device) and ``extract_feat(stage='backbone')``, views flattened into
    the batch."""
    with torch.no_grad():
        data = model.data_preprocessor(
            dict(inputs=inputs, data_samples=None), False)
        return model.extract_feat(data['inputs'], stage='backbone')[0]


def _encode(model: torch.nn.Module, clips: List[torch.Tensor],
            channel_dim: int) -> np.ndarray:
    """Backbone features of a batch of clips, pooled. A 2D recognizer's
    frames (flattened into the batch by its ``extract_feat``) are regrouped
    by clip first, so that the pooling averages over time too."""
    from mmaction.models import Recognizer2D
    feats = backbone_features(model, clips)
    if isinstance(model, Recognizer2D):
        feats = feats.reshape((len(clips), -1) + feats.shape[1:])
    return _pool(feats, channel_dim).float().cpu().numpy()


def check_recognizer(model: torch.nn.Module,
                     kind: str,
                     clip_len: Optional[int] = None) -> None:
    """Raise ``TypeError`` unless ``model`` is a ``Recognizer3D`` or a
    ``Recognizer2D`` (``kind='video'``) or a ``RecognizerGCN``
    (``kind='pose'``), and ``ValueError`` when a 2D backbone that groups
    frames by ``num_segments`` (TSM's temporal shift) cannot group
    ``clip_len`` frames."""
    from mmaction.models import Recognizer2D, Recognizer3D, RecognizerGCN
    expected = (Recognizer3D, Recognizer2D) if kind == 'video' else (
        RecognizerGCN, )
    if not isinstance(model, expected):
        names = ' or '.join(e.__name__ for e in expected)
        raise TypeError(f'{kind} clip features need an MMAction2 {names}, '
                        f'got {type(model).__name__}')
    segments = getattr(model.backbone, 'num_segments', None)
    if isinstance(model, Recognizer2D) and clip_len and segments and \
            clip_len % segments:
        raise ValueError(f'clip_len {clip_len} is not a multiple of the '
                         f"backbone's num_segments ({segments}): its "
                         'temporal shift groups frames by it')


def video_clip_features(model: torch.nn.Module,
                        video_path: str,
                        clip_len: int = 32,
                        short_side: int = 256,
                        crop_size: int = 224,
                        batch_clips: int = 8) -> np.ndarray:
    """Backbone features of the non-overlapping clips of a video.

    The video's ``T`` frames (decoded in order with decord, RGB) make
    ``floor(T / clip_len)`` clips of consecutive frames; the last
    ``T mod clip_len`` frames are dropped. A video shorter than
    ``clip_len`` gives one clip, its last frame repeated to fill it. Each
    frame is resized (short side ``short_side``) and centre-cropped
    (``crop_size``); each clip goes through the model's data preprocessor
    as one ``(1, 3, clip_len, crop, crop)`` sample (``NCTHW``), its
    backbone, and a 3D average pooling over time and space (CoFInAl,
    Sec. 4.1). A ``Recognizer2D`` takes the clip as one sample of
    ``clip_len`` segments (``NCHW``; TSM shifts features within groups of
    its ``num_segments`` consecutive frames, so ``clip_len`` must be a
    multiple of it) and its frame features are averaged over the clip and
    space.

    Args:
        model (torch.nn.Module): A ``Recognizer3D`` or ``Recognizer2D`` in
            eval mode, e.g. from :func:`build_feature_extractor`.
        video_path (str): The video file.
        clip_len (int): Frames per clip. Defaults to 32.
        short_side (int): Short side after resizing. Defaults to 256.
        crop_size (int): Side of the centre crop. Defaults to 224.
        batch_clips (int): Clips per forward pass (memory, not results).
            Defaults to 8.

    Returns:
        np.ndarray: float32 features of shape (N_clips, D).
    """
    import decord

    from mmaction.models import Recognizer2D
    check_recognizer(model, 'video', clip_len)
    if crop_size > short_side:
        raise ValueError(f'crop_size {crop_size} is larger than short_side '
                         f'{short_side}')
    if batch_clips < 1:
        raise ValueError(f'batch_clips must be positive, got {batch_clips}')
    if not osp.isfile(video_path):
        raise FileNotFoundError(f'video not found: {video_path}')
    try:
        reader = decord.VideoReader(video_path)
        num_frames = len(reader)
    except (RuntimeError, decord.DECORDError) as e:
        raise ValueError(f'{video_path}: cannot be opened as a video '
                         f'({str(e).splitlines()[0]})') from e
    if num_frames < 1:
        raise ValueError(f'{video_path}: the video has no frames')
    frame_wise = isinstance(model, Recognizer2D)
    feats, batch = [], []
    starts = clip_starts(num_frames, clip_len)
    for i, start in enumerate(starts):
        indices = clip_indices(start, clip_len, num_frames)
        try:
            frames = reader.get_batch(sorted(set(indices))).asnumpy()
        except (RuntimeError, decord.DECORDError) as e:
            raise ValueError(
                f'{video_path}: decoding frames {indices[0]}-{indices[-1]} '
                f'of {num_frames} failed ({str(e).splitlines()[0]})') from e
        frames = [resize_crop(f, short_side, crop_size) for f in frames]
        frames += [frames[-1]] * (clip_len - len(frames))
        # (T, H, W, 3) -> (1, 3, T, H, W), one view of one clip (NCTHW),
        # or (T, 3, H, W), the clip's frames as segments (NCHW)
        clip = np.stack(frames).transpose(
            (0, 3, 1, 2) if frame_wise else (3, 0, 1, 2))
        clip = clip if frame_wise else clip[None]
        batch.append(torch.from_numpy(np.ascontiguousarray(clip)))
        if len(batch) == batch_clips or i == len(starts) - 1:
            feats.append(
                _encode(model, batch, channel_dim=2 if frame_wise else 1))
            batch = []
    return np.concatenate(feats).astype(np.float32)


def _in_channels(model) -> Optional[int]:
    channels = getattr(model.backbone, 'in_channels', None)
    if channels is None and getattr(model, 'cfg', None) is not None:
        channels = model.cfg.model.backbone.get('in_channels')
    return channels


def pose_clip_features(model: torch.nn.Module,
                       keypoint: np.ndarray,
                       keypoint_score: Optional[np.ndarray] = None,
                       clip_len: int = 32,
                       batch_clips: int = 8) -> np.ndarray:
    """Backbone features of the non-overlapping clips of a skeleton
    sequence.

    The ``T`` frames make ``floor(T / clip_len)`` clips (a shorter
    sequence: one clip, its last frame repeated), each given to the
    backbone as ``(1, M, clip_len, V, C)`` and averaged over persons, time
    and joints (as ``GCNHead`` pools).

    Args:
        model (torch.nn.Module): A ``RecognizerGCN`` in eval mode.
        keypoint (np.ndarray): Coordinates of shape (M, T, V, C).
        keypoint_score (np.ndarray, optional): Scores of shape (M, T, V),
            appended as a channel when the backbone takes ``C + 1`` input
            channels (as ``FormatGCNInput`` does). Defaults to None.
        clip_len (int): Frames per clip. Defaults to 32.
        batch_clips (int): Clips per forward pass. Defaults to 8.

    Returns:
        np.ndarray: float32 features of shape (N_clips, D).
    """
    check_recognizer(model, 'pose')
    if batch_clips < 1:
        raise ValueError(f'batch_clips must be positive, got {batch_clips}')
    keypoint = np.asarray(keypoint)
    if keypoint.ndim != 4 or 0 in keypoint.shape:
        raise ValueError(f'keypoint must have shape (M, T, V, C) with no '
                         f'empty axis, got {keypoint.shape}')
    if not np.isfinite(keypoint).all():
        raise ValueError('keypoint has NaN/inf values')
    channels = _in_channels(model)
    c = keypoint.shape[-1]
    if channels == c + 1:
        if keypoint_score is None:
            raise ValueError(f'the backbone takes {channels} channels '
                             f'(coordinates and score) but no '
                             f'keypoint_score was given for {c}-D keypoints')
        keypoint_score = np.asarray(keypoint_score)
        if keypoint_score.shape != keypoint.shape[:3]:
            raise ValueError(f'keypoint_score has shape '
                             f'{keypoint_score.shape}; expected '
                             f'{keypoint.shape[:3]}')
        if not np.isfinite(keypoint_score).all():
            raise ValueError('keypoint_score has NaN/inf values')
        keypoint = np.concatenate([keypoint, keypoint_score[..., None]], -1)
    elif channels is not None and channels != c:
        raise ValueError(f'keypoints have {c} channels but the backbone '
                         f'takes {channels}')
    keypoint = keypoint.astype(np.float32)
    num_frames = keypoint.shape[1]
    feats, batch = [], []
    starts = clip_starts(num_frames, clip_len)
    for i, start in enumerate(starts):
        clip = keypoint[:, clip_indices(start, clip_len, num_frames)]
        batch.append(torch.from_numpy(clip[None]))
        if len(batch) == batch_clips or i == len(starts) - 1:
            # backbone output (B, M, C, T, V): channels are axis 2
            feats.append(_encode(model, batch, channel_dim=2))
            batch = []
    return np.concatenate(feats).astype(np.float32)


class ExtractionResult(NamedTuple):
    """What :func:`extract_features` did, per item name."""

    written: List[str]
    skipped: List[str]
    failed: List[Tuple[str, str]]

    def summary(self) -> str:
        """Counts, then one line per failure with its reason."""
        lines = [
            f'{len(self.written)} written, {len(self.skipped)} skipped '
            f'(already there), {len(self.failed)} failed'
        ]
        lines += [
            f'  failed: {name}: {reason}' for name, reason in self.failed
        ]
        return '\n'.join(lines)


def feature_file(out_dir: str, name: str, suffix: str = '.npy') -> str:
    """``<out_dir>/<name><suffix>``, refusing names that leave
    ``out_dir``."""
    norm = osp.normpath(name) if name else ''
    if not norm or norm == '.' or osp.isabs(norm) or \
            norm.split(os.sep)[0] == '..':
        raise ValueError(f'{name!r} cannot name a feature file inside '
                         f'{out_dir}')
    return osp.join(out_dir, norm + suffix)


def is_valid_feature_file(path: str) -> bool:
    """Whether ``path`` holds a finite float32 (N, D) array with N >= 1
    (what an earlier run wrote)."""
    try:
        feats = np.load(path, mmap_mode='r', allow_pickle=False)
    except (OSError, ValueError, EOFError):
        return False
    return feats.dtype == np.float32 and feats.ndim == 2 and \
        feats.shape[0] >= 1 and bool(np.isfinite(feats).all())


#: errors a bad item may raise; anything else is a bug and stops the run
ITEM_ERRORS = (OSError, ValueError, RuntimeError)


def extract_features(items: Iterable[Tuple[str, object]],
                     out_dir: str,
                     feature_fn: Callable[[object], np.ndarray],
                     overwrite: bool = False,
                     progress: bool = True) -> ExtractionResult:
    """Write ``feature_fn(source)`` to ``<out_dir>/<name>.npy`` for every
    ``(name, source)``, resumably.

    An existing valid file (:func:`is_valid_feature_file`) is skipped
    unless ``overwrite``; an invalid one is written again. Files are
    written atomically (a temporary file in the same folder, then a
    rename), so an interrupted run leaves no truncated file. An item whose
    source cannot be read (``OSError``, ``ValueError``, ``RuntimeError``,
    e.g. a missing, corrupt or empty video) is reported and the run goes
    on; features that are not a finite (N, D) array are reported too.

    Args:
        items (Iterable[tuple[str, object]]): ``(name, source)`` pairs;
            names are unique paths relative to ``out_dir``, without
            ``.npy``.
        out_dir (str): Where the features go (created).
        feature_fn (Callable): Computes the (N, D) features of a source.
        overwrite (bool): Recompute existing files. Defaults to False.
        progress (bool): Show a tqdm progress bar. Defaults to True.

    Returns:
        ExtractionResult: Names written, skipped, and ``(name, reason)``
        of those that failed.
    """
    from tqdm import tqdm
    items = list(items)
    paths = {}
    for name, _ in items:
        path = feature_file(out_dir, name)
        if path in paths:
            raise ValueError(f'{paths[path]!r} and {name!r} would both be '
                             f'written to {path}')
        paths[path] = name
    os.makedirs(out_dir, exist_ok=True)
    result = ExtractionResult([], [], [])
    bar = tqdm(items, desc='clip features', unit='item', disable=not progress)
    for (name, source), path in zip(bar, paths):
        if not overwrite and is_valid_feature_file(path):
            result.skipped.append(name)
            continue
        problem = _write_features(feature_fn, source, path)
        if problem is None:
            result.written.append(name)
        else:
            result.failed.append((name, problem))
            bar.set_postfix(failed=len(result.failed))
    return result


def _write_features(feature_fn: Callable, source, path: str):
    """Compute and write one item's features; the reason it failed, or
    None."""
    try:
        feats = np.asarray(feature_fn(source))
    except ITEM_ERRORS as e:
        return str(e)
    if feats.ndim != 2 or len(feats) == 0 or not np.isfinite(feats).all():
        return f'features of shape {feats.shape} are not a finite (N, D) ' \
            'array'
    buffer = io.BytesIO()
    np.save(buffer, feats.astype(np.float32))
    atomic_write_bytes(buffer.getvalue(), path)
    return None


def read_video_list(video_list: str) -> List[str]:
    """The first token of every non-empty line of an MMAction2 video list
    (``<path> <label> ...``), duplicates dropped, order kept."""
    if not osp.exists(video_list):
        raise FileNotFoundError(f'video list not found: {video_list}')
    with open(video_list) as f:
        names = [line.split()[0] for line in f if line.strip()]
    if not names:
        raise ValueError(f'video list {video_list} has no entries')
    return list(dict.fromkeys(names))


def list_videos(video_root: str,
                video_list: Optional[str] = None) -> List[Tuple[str, str]]:
    """``(name, path)`` of the videos to encode, ``name`` being the path
    relative to ``video_root`` without its extension (the feature file is
    ``<name>.npy``: the video's stem for a flat folder).

    Args:
        video_root (str): The folder of the videos.
        video_list (str, optional): A list whose lines start with a video
            path relative to ``video_root``. Defaults to every file under
            ``video_root`` ending in one of :data:`VIDEO_EXTENSIONS`.

    Returns:
        list[tuple[str, str]]: Names and paths, in list (or sorted) order.
        Two videos with the same name (``x.mp4``, ``x.avi``) are an error.
    """
    if not osp.isdir(video_root):
        raise FileNotFoundError(f'video folder not found: {video_root}')
    if video_list is not None:
        rel = read_video_list(video_list)
    else:
        rel = sorted(
            osp.relpath(osp.join(folder, f), video_root)
            for folder, _, files in os.walk(video_root) for f in files
            if f.lower().endswith(VIDEO_EXTENSIONS))
        if not rel:
            raise ValueError(f'no video files ({", ".join(VIDEO_EXTENSIONS)})'
                             f' in {video_root}')
    videos, seen = [], {}
    for r in rel:
        name = osp.normpath(osp.splitext(r)[0])
        if name in seen:
            raise ValueError(
                f'{seen[name]} and {r} in {video_list or video_root} would '
                f'both be written to {name}.npy; list the videos to encode '
                'in a video list')
        seen[name] = r
        videos.append((name, osp.join(video_root, r)))
    return videos


def extract_video_features(model: torch.nn.Module,
                           videos: Sequence[Tuple[str, str]],
                           out_dir: str,
                           clip_len: int = 32,
                           short_side: int = 256,
                           crop_size: int = 224,
                           batch_clips: int = 8,
                           overwrite: bool = False,
                           progress: bool = True) -> ExtractionResult:
    """:func:`video_clip_features` of every video, one ``<name>.npy`` each
    (see :func:`extract_features` for resuming and failures).

    Args:
        model (torch.nn.Module): A ``Recognizer3D`` or ``Recognizer2D`` in
            eval mode.
        videos (Sequence[tuple[str, str]]): ``(name, path)`` pairs, e.g.
            from :func:`list_videos`.
        out_dir (str): Where the features go.
        clip_len (int): Frames per clip. Defaults to 32.
        short_side (int): Short side after resizing. Defaults to 256.
        crop_size (int): Side of the centre crop. Defaults to 224.
        batch_clips (int): Clips per forward pass. Defaults to 8.
        overwrite (bool): Recompute existing files. Defaults to False.
        progress (bool): Show a progress bar. Defaults to True.

    Returns:
        ExtractionResult: What was written, skipped and why items failed.
    """
    if not videos:
        raise ValueError('no videos to encode')
    check_recognizer(model, 'video', clip_len)

    def encode(path):
        return video_clip_features(model, path, clip_len, short_side,
                                   crop_size, batch_clips)

    return extract_features(videos, out_dir, encode, overwrite, progress)


def pose_sequence_steps(cfg: Config) -> List[Callable]:
    """The steps of ``cfg``'s test pipeline (else ``test_pipeline``) that
    act on a whole sequence (:data:`POSE_SEQUENCE_STEPS`: normalisation,
    joint/bone/motion features, the person count of ``FormatGCNInput``),
    built, in order."""
    from mmaction.registry import TRANSFORMS
    pipeline = dict(split_datasets(cfg)).get('test', {}).get('pipeline')
    if pipeline is None:
        pipeline = cfg.get('test_pipeline') or []
    return [
        TRANSFORMS.build(step) for step in pipeline
        if step.get('type') in POSE_SEQUENCE_STEPS
    ]


def load_pose_annotations(ann_file: str,
                          split: Optional[str] = None) -> List[dict]:
    """The annotations of an MMAction2 ``PoseDataset`` pickle (a dict with
    ``split`` and ``annotations``, or a list), loaded through the
    restricted unpickler; ``split`` keeps the samples of one split."""
    from mmfine.utils import safe_load_pickle
    data = safe_load_pickle(ann_file)
    if isinstance(data, dict):
        if 'annotations' not in data:
            raise ValueError(f'{ann_file}: a dict without "annotations"')
        annotations = data['annotations']
    elif isinstance(data, list):
        annotations = data
    else:
        raise ValueError(f'{ann_file}: holds a {type(data).__name__}, not a '
                         'PoseDataset annotation dict or list')
    if split is not None:
        splits = data.get('split') if isinstance(data, dict) else None
        if not splits or split not in splits:
            raise ValueError(f'{ann_file}: no split {split!r} (splits: '
                             f'{sorted(splits or [])})')
        keep = set(splits[split])
        annotations = [
            a for a in annotations
            if isinstance(a, dict) and a.get('frame_dir') in keep
        ]
    if not annotations:
        raise ValueError(f'{ann_file}: no annotations' +
                         (f' in split {split!r}' if split else ''))
    return annotations


def _pose_input(ann: dict, steps: Sequence[Callable]):
    """Keypoints and scores of ``ann`` after the sequence-level steps."""
    kp = ann.get('keypoint')
    if not isinstance(kp, np.ndarray) or kp.ndim != 4 or 0 in kp.shape:
        shape = getattr(kp, 'shape', type(kp).__name__)
        raise ValueError('keypoint must be an (M, T, V, C) array with no '
                         f'empty axis, got {shape}')
    if not np.issubdtype(kp.dtype, np.number) or \
            not np.isfinite(kp).all():
        raise ValueError('keypoint has NaN/inf or non-numeric values')
    score = ann.get('keypoint_score')
    if score is not None and (not isinstance(score, np.ndarray)
                              or score.shape != kp.shape[:3]):
        shape = getattr(score, 'shape', type(score).__name__)
        raise ValueError(f'keypoint_score has shape {shape}; '
                         f'expected {kp.shape[:3]}')
    results = dict(ann, keypoint=kp.astype(np.float32), num_clips=1)
    results.setdefault('total_frames', kp.shape[1])
    if score is not None:
        results['keypoint_score'] = score.astype(np.float32)
    try:
        for step in steps:
            results = step(results)
    except (AssertionError, KeyError, IndexError) as e:
        raise ValueError(f'the config\'s pipeline step {step!r} '
                         f'failed ({type(e).__name__}: {e})') from e
    kp = results['keypoint']
    if kp.ndim == 5:  # FormatGCNInput: (num_clips=1, M, T, V, C)
        kp = kp[0]
    return kp, results.get('keypoint_score')


def extract_pose_features(model: torch.nn.Module,
                          annotations: Sequence[dict],
                          out_dir: str,
                          steps: Union[str, Sequence[Callable]] = 'config',
                          clip_len: int = 32,
                          batch_clips: int = 8,
                          overwrite: bool = False,
                          progress: bool = True) -> ExtractionResult:
    """:func:`pose_clip_features` of every annotation, written to
    ``<out_dir>/<frame_dir>.npy`` (see :func:`extract_features`).

    Args:
        model (torch.nn.Module): A ``RecognizerGCN`` in eval mode.
        annotations (Sequence[dict]): PoseDataset annotations with
            ``frame_dir``, ``keypoint`` (M, T, V, C) and optionally
            ``keypoint_score`` (M, T, V) and ``img_shape``.
        out_dir (str): Where the features go.
        steps (str | Sequence[Callable]): Sequence-level transforms applied
            before clipping; ``'config'``: those of ``model.cfg``
            (:func:`pose_sequence_steps`), so the backbone sees its
            training input (e.g. ``PreNormalize2D``, ``GenSkeFeat``).
            Defaults to ``'config'``.
        clip_len (int): Frames per clip. Defaults to 32.
        batch_clips (int): Clips per forward pass. Defaults to 8.
        overwrite (bool): Recompute existing files. Defaults to False.
        progress (bool): Show a progress bar. Defaults to True.

    Returns:
        ExtractionResult: What was written, skipped and why items failed.
    """
    if not annotations:
        raise ValueError('no annotations to encode')
    check_recognizer(model, 'pose')
    if isinstance(steps, str):
        if steps != 'config':
            raise ValueError(f"steps must be 'config' or a list of "
                             f'transforms, got {steps!r}')
        cfg = getattr(model, 'cfg', None)
        steps = pose_sequence_steps(cfg) if cfg is not None else []
    items, unnamed = [], []
    for i, ann in enumerate(annotations):
        name = ann.get('frame_dir') if isinstance(ann, dict) else None
        if isinstance(name, str) and name:
            items.append((name, ann))
        else:
            unnamed.append((f'annotation {i}', 'no frame_dir to name its '
                            'feature file'))

    def encode(ann):
        kp, score = _pose_input(ann, steps)
        return pose_clip_features(model, kp, score, clip_len, batch_clips)

    result = extract_features(items, out_dir, encode, overwrite, progress)
    result.failed.extend(unnamed)
    return result
