"""The skeleton bank of the Context-aware Sequence Completion (FineTec
Sec. 3): clean windows from any pose dataset's training split."""
from typing import Dict, Optional

import numpy as np
from tqdm import tqdm

from mmfine.structures import sample_key
from mmfine.structures.frame_restoration import window_starts
from mmfine.utils import split_datasets


def build_skeleton_bank(dataset,
                        layout: str,
                        coord_dims: int,
                        max_windows: int = 4096,
                        passes: int = 1,
                        seed: int = 0,
                        min_score: Optional[float] = 0.05,
                        window: Optional[int] = None) -> Dict:
    """Run ``dataset``'s pipeline (which must yield clean clips, e.g. the
    completion pre-training config's train pipeline) ``passes`` times and
    keep the first person's coordinates: the clips themselves or, with
    ``window``, their non-overlapping ``window``-frame tiles as the
    completion tiles a clip (``window_starts``), so that bank windows have
    the frame rate of the recognizer's clips.

    Clips whose mean keypoint score (the channel after the coordinates,
    when present) is below ``min_score`` are left out: a bank of missed
    detections would teach the completion to restore zeros (with
    ``window``, each tile is checked). At most ``max_windows`` windows are
    kept, chosen at random with ``seed``.

    Returns the bank dict: ``windows (N, window, V, coord_dims)`` float32,
    ``sample_ids (N,)`` (``mmfine.structures.sample_key`` of each window's
    ``frame_dir``, so that the completion never prompts a sample with its
    own clips), ``layout``, ``num_joints``, ``coord_dims``, ``window``.
    """
    windows, ids, dropped = [], [], 0
    total = passes * len(dataset)
    with tqdm(total=total, desc='skeleton bank', unit='clip') as bar:
        for _ in range(passes):
            for i in range(len(dataset)):
                item = dataset[i]
                clip = np.asarray(item['inputs'])[:, 0]  # clips, T, V, C
                name = item['data_samples'].metainfo.get('frame_dir')
                if name is None:
                    raise ValueError("the bank needs each sample's "
                                     "frame_dir: add it to PackActionInputs' "
                                     'meta_keys')
                bar.update()
                if window is not None:
                    if clip.shape[1] < window:
                        raise ValueError(
                            f'the pipeline yields {clip.shape[1]}-frame '
                            f'clips, shorter than the window of {window}')
                    clip = np.concatenate([
                        clip[:, s:s + window]
                        for s in window_starts(clip.shape[1], window)
                    ])
                for one in clip:
                    if not np.isfinite(one).all():
                        dropped += 1
                        continue
                    if min_score is not None and one.shape[-1] > coord_dims \
                            and one[..., coord_dims].mean() < min_score:
                        dropped += 1
                        continue
                    windows.append(one[..., :coord_dims].astype(np.float32))
                    ids.append(sample_key(name))
    if not windows:
        raise ValueError(f'no usable clip in the dataset ({dropped} left out '
                         'for low scores or non-finite values)')
    windows, ids = np.stack(windows), np.asarray(ids, np.int64)
    if len(windows) > max_windows:
        pick = np.sort(
            np.random.default_rng(seed).choice(
                len(windows), max_windows, replace=False))
        windows, ids = windows[pick], ids[pick]
    return dict(
        windows=windows,
        sample_ids=ids,
        layout=layout,
        num_joints=windows.shape[2],
        coord_dims=coord_dims,
        window=windows.shape[1],
        left_out=dropped)


def build_skeleton_bank_from_config(cfg,
                                    max_windows: int = 4096,
                                    passes: int = 2,
                                    seed: int = 0) -> Dict:
    """The bank of a completion pre-training config (an mmengine
    ``Config``): windows of its train split through its train pipeline,
    checked against the completion's window and joint count."""
    from mmengine.registry import init_default_scope

    from mmaction.registry import DATASETS
    init_default_scope(cfg.get('default_scope', 'mmaction'))
    completion = cfg.model.completion
    dataset_cfg = dict(split_datasets(cfg))['train']
    bank = build_skeleton_bank(
        DATASETS.build(dataset_cfg),
        completion.layout,
        completion.get('coord_dims', 2),
        max_windows,
        passes,
        seed,
        window=completion.get('window', 16))
    if bank['num_joints'] != completion.num_joints:
        raise ValueError(f"the pipeline yields {bank['num_joints']} joints; "
                         f'the completion expects {completion.num_joints}')
    return bank
