"""Videos to an MMAction2 ``PoseDataset``: pose estimation on every frame,
one tracked subject per video, resumable, parallel and sharded.

Each video's annotation is written on its own to
``<work_dir>/<name>.pkl`` (atomically) as soon as it is done, so an
interrupted run resumes where it stopped and ranks or processes never
write the same file; a video that fails leaves ``<name>.failed`` with the
reason (tried again on the next run). :func:`merge_skeletons` gathers
them into one pickle. Frames where the subject is not found keep their
place with zero keypoints and scores.
"""
import os
import os.path as osp
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from mmfine.tracking import PersonTracker, build_pose_estimator
from mmfine.utils import atomic_write_bytes, dump_pickle_atomic
from .clip_features import ITEM_ERRORS, ExtractionResult, feature_file

ANNOTATION_KEYS = ('frame_dir', 'label', 'img_shape', 'original_shape',
                   'total_frames', 'keypoint', 'keypoint_score')


class VideoItem(NamedTuple):
    """One video to extract: its ``frame_dir`` name, path, label and,
    optionally, the subject's box ``x1, y1, x2, y2`` in its first frame
    with a person."""
    name: str
    path: str
    label: int
    bbox: Optional[Tuple[float, float, float, float]] = None


def read_labelled_list(list_file: str, video_root: str) -> List[VideoItem]:
    """Items of an MMAction2 video list (``<video> <label>`` per line);
    ``name`` is the video's path without its extension."""
    if not osp.isfile(list_file):
        raise FileNotFoundError(f'video list not found: {list_file}')
    items = []
    with open(list_file) as f:
        for line_no, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) < 2 or not fields[1].lstrip('-').isdigit():
                raise ValueError(f'{list_file}, line {line_no}: expected '
                                 f'"<video> <label>", got {line.strip()!r}')
            items.append(
                VideoItem(
                    osp.splitext(fields[0])[0],
                    osp.join(video_root, fields[0]), int(fields[1])))
    return items


def open_video(path: str):
    """A decord ``VideoReader`` with at least one frame, or a ValueError
    naming the file."""
    import decord
    if not osp.isfile(path):
        raise ValueError(f'{path}: no such video')
    try:
        reader = decord.VideoReader(path, num_threads=1)
    except Exception as error:  # decord raises its own DECORDError
        raise ValueError(f'{path}: cannot be read as a video '
                         f'({type(error).__name__}: {error})') from None
    if len(reader) == 0:
        raise ValueError(f'{path}: the video has no frames')
    return reader


def video_skeleton(path: str,
                   estimator,
                   init_bbox: Optional[Sequence[float]] = None,
                   tracker_cfg: Optional[dict] = None) -> dict:
    """The tracked subject's keypoints in every frame of a video.

    Args:
        path (str): The video.
        estimator (PoseEstimator): The pose backend (reset here).
        init_bbox (Sequence[float], optional): The subject's box in its
            first frame with a person (``PersonTracker``).
        tracker_cfg (dict, optional): More ``PersonTracker`` arguments.

    Returns:
        dict: A ``PoseDataset`` annotation without ``label``:
        ``keypoint (1, T, V, 2)``, ``keypoint_score (1, T, V)`` (zeros
        where the subject was lost), ``img_shape``, ``original_shape``,
        ``total_frames``, ``fps`` (the container's average; frames are
        kept in decoding order, so a variable frame rate keeps every
        frame) and ``layout``.
    """
    from mmfine.structures import get_layout
    reader = open_video(path)
    joints = get_layout(estimator.layout).num_joints
    total = len(reader)
    keypoint = np.zeros((total, joints, 2), np.float32)
    score = np.zeros((total, joints), np.float32)
    tracker = PersonTracker(init_bbox, **(tracker_cfg or {}))
    estimator.reset()
    shape = None
    for t in range(total):
        try:
            frame = reader[t].asnumpy()
        except Exception as error:
            raise ValueError(f'{path}: frame {t} of {total} cannot be '
                             f'decoded ({type(error).__name__})') from None
        shape = frame.shape[:2]
        poses = estimator(frame)
        index = tracker.update(poses)
        if index is not None:
            keypoint[t] = poses.keypoints[index]
            score[t] = poses.scores[index]
    if not score.any():
        raise ValueError(f'{path}: no person was found in any of its '
                         f'{total} frames')
    return dict(
        img_shape=shape,
        original_shape=shape,
        total_frames=total,
        keypoint=keypoint[None],
        keypoint_score=score[None],
        fps=float(reader.get_avg_fps()),
        layout=estimator.layout)


def result_file(work_dir: str, name: str) -> str:
    return feature_file(work_dir, name, '.pkl')


def is_finished(work_dir: str,
                name: str,
                layout: Optional[str] = None) -> bool:
    """Whether an earlier run wrote ``name``'s annotation (in ``layout``,
    when given: a file of another layout is extracted again)."""
    from mmfine.utils import safe_load_pickle
    try:
        ann = safe_load_pickle(result_file(work_dir, name))
    except Exception:  # missing, truncated or foreign
        return False
    complete = isinstance(ann, dict) and all(k in ann
                                             for k in ANNOTATION_KEYS)
    return complete and (layout is None or ann.get('layout') == layout)


_WORKER = {}


def _init_worker(estimator_cfg: dict) -> None:
    _WORKER['estimator'] = build_pose_estimator(dict(estimator_cfg))


def _extract_one(args) -> Tuple[str, Optional[str]]:
    """Extract one video and write its file; ``(name, failure or None)``."""
    item, work_dir, tracker_cfg = args
    failed = feature_file(work_dir, item.name, '.failed')
    try:
        ann = video_skeleton(item.path, _WORKER['estimator'], item.bbox,
                             tracker_cfg)
    except Exception as error:  # a backend's own error on one video
        reason = str(error) if isinstance(error, ITEM_ERRORS) else \
            f'{item.path}: {type(error).__name__}: {error}'
        atomic_write_bytes(reason.encode(), failed)
        return item.name, reason
    ann.update(frame_dir=item.name, label=item.label)
    dump_pickle_atomic(ann, result_file(work_dir, item.name))
    if osp.exists(failed):
        os.remove(failed)
    return item.name, None


def extract_skeletons(items: Sequence[VideoItem],
                      estimator_cfg: dict,
                      work_dir: str,
                      workers: int = 1,
                      rank: int = 0,
                      world_size: int = 1,
                      tracker_cfg: Optional[dict] = None,
                      overwrite: bool = False,
                      progress: bool = True) -> ExtractionResult:
    """Extract this rank's share of ``items`` (every ``world_size``-th
    from ``rank``) into ``work_dir``, with ``workers`` processes.

    Args:
        items (Sequence[VideoItem]): All videos (every rank gets the same
            list).
        estimator_cfg (dict): ``build_pose_estimator`` config; every
            process builds its own backend.
        work_dir (str): Where the per-video files go.
        workers (int): Processes on this rank. Defaults to 1 (in this
            process).
        rank (int): This rank. Defaults to 0.
        world_size (int): Number of ranks. Defaults to 1.
        tracker_cfg (dict, optional): ``PersonTracker`` arguments.
        overwrite (bool): Extract finished videos again.
        progress (bool): Show a progress bar. Defaults to True.

    Returns:
        ExtractionResult: This rank's videos written, skipped (finished
        before) and failed with their reasons.
    """
    from tqdm import tqdm
    names = [item.name for item in items]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f'videos named twice: {repeated[:5]}')
    if not 0 <= rank < world_size:
        raise ValueError(f'rank {rank} outside a world of {world_size}')
    share = list(items)[rank::world_size]
    # the backend is built here first, so that a missing dependency or a
    # bad config is one clear error (a pool would respawn failing workers)
    _init_worker(estimator_cfg)
    layout = _WORKER['estimator'].layout
    result = ExtractionResult([], [], [])
    todo = []
    for item in share:
        if not overwrite and is_finished(work_dir, item.name, layout):
            result.skipped.append(item.name)
        else:
            todo.append((item, work_dir, tracker_cfg))
    os.makedirs(work_dir, exist_ok=True)
    bar = tqdm(
        total=len(todo),
        desc=f'skeletons (rank {rank})' if world_size > 1 else 'skeletons',
        unit='video',
        disable=not progress)
    if workers <= 1:
        done = map(_extract_one, todo)
        pool = None
    else:
        _WORKER.pop('estimator').close()
        import multiprocessing
        pool = multiprocessing.get_context('spawn').Pool(
            workers, _init_worker, (estimator_cfg, ))
        done = pool.imap_unordered(_extract_one, todo)
    try:
        for name, failure in done:
            if failure is None:
                result.written.append(name)
            else:
                result.failed.append((name, failure))
                bar.set_postfix(failed=len(result.failed))
            bar.update()
    finally:
        bar.close()
        if pool is not None:
            pool.close()
            pool.join()
        else:
            _WORKER.pop('estimator').close()
    return result


def merge_skeletons(splits: Dict[str, Sequence[VideoItem]],
                    work_dir: str) -> Tuple[dict, List[Tuple[str, str]]]:
    """One ``PoseDataset`` dict from the per-video files.

    Args:
        splits (dict[str, Sequence[VideoItem]]): Split name -> its videos.
        work_dir (str): Where :func:`extract_skeletons` wrote them.

    Returns:
        tuple[dict, list]: ``dict(split, annotations, layout)`` of the
        finished videos, and ``(name, reason)`` of those without a result
        (the reason a run recorded, or ``'not extracted'``).
    """
    from mmfine.utils import safe_load_pickle
    annotations, missing, layouts = {}, [], set()
    split = {}
    for split_name, items in splits.items():
        split[split_name] = []
        for item in items:
            if item.name not in annotations:
                if not is_finished(work_dir, item.name):
                    failed = feature_file(work_dir, item.name, '.failed')
                    reason = 'not extracted'
                    if osp.exists(failed):
                        with open(failed) as f:
                            reason = f.read()
                    missing.append((item.name, reason))
                    continue
                ann = safe_load_pickle(result_file(work_dir, item.name))
                ann['label'] = item.label  # the list's, if it was corrected
                layouts.add(ann.get('layout'))
                annotations[item.name] = ann
            split[split_name].append(item.name)
    if len(layouts) > 1:
        raise ValueError(f'{work_dir}: videos extracted in several layouts '
                         f'{sorted(map(str, layouts))}')
    data = dict(split=split, annotations=list(annotations.values()))
    if layouts:
        data['layout'] = layouts.pop()
    return data, missing
