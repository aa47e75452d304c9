"""Per-video features of a trained recognizer, for downstream use.

SeFAR feeds its student's features to a multimodal LLM for
Gym-QA. :func:`export_video_features` runs a config's ``{split}``
dataset through its own test pipeline (e.g. SeFAR's 3-view test) and the
model's backbone, averages over the views and writes one
``<name>.npy`` per video and an ``index.txt`` of ``<name> <label>``:

* a SeFAR backbone (``MultiGranularTimeSformer``): ``(E, D)``, one row
  per temporal element; ``stage='fused'``: the fusion head's
  ``fused()`` feature ``(1, hidden)``;
* any other backbone (e.g. a ``Recognizer3D``'s): average-pooled over
  time and space, ``(1, C)``.

``tools/analysis/export_video_features.py`` is the command line.
"""
import os.path as osp
from typing import List, Optional, Tuple, Union

import numpy as np
import torch
from mmengine.config import Config

from mmfine.utils import atomic_write_bytes
from .clip_features import (ITEM_ERRORS, ExtractionResult, _load_weights,
                            _pool, backbone_features, build_feature_extractor,
                            extract_features, feature_file)

#: what :func:`export_video_features` can export
STAGES = ('backbone', 'fused')


def export_video_features(config: Union[str, Config],
                          checkpoint: Optional[str],
                          out_dir: str,
                          split: str = 'test',
                          stage: str = 'backbone',
                          device: str = 'cpu',
                          cfg_options: Optional[dict] = None,
                          overwrite: bool = False,
                          progress: bool = True) -> ExtractionResult:
    """Write the view-averaged features of every video of a split.

    Args:
        config (str | Config): A recognizer config (path or object).
        checkpoint (str, optional): Its trained weights (the student's,
            for SeFAR); None keeps random weights (tests only).
        out_dir (str): Where ``<name>.npy`` and ``index.txt`` go;
            ``name`` is the video's path relative to the dataset's video
            root, without its extension.
        split (str): Whose ``{split}_dataloader`` dataset to encode.
            Defaults to ``'test'``.
        stage (str): ``'backbone'`` or ``'fused'`` (a head with
            ``fused()``). Defaults to ``'backbone'``.
        device (str): Where the model runs. Defaults to ``'cpu'``.
        cfg_options (dict, optional): Settings merged into a config given
            as a path. Defaults to None.
        overwrite (bool): Recompute existing files. Defaults to False.
        progress (bool): Show a progress bar. Defaults to True.

    Returns:
        ExtractionResult: Videos written, skipped (already there) and
        failed with their reasons (see ``extract_features``).
    """
    if stage not in STAGES:
        raise ValueError(f'stage must be one of {STAGES}, got {stage!r}')
    model = build_feature_extractor(config, None, device, cfg_options)
    loader = model.cfg.get(f'{split}_dataloader')
    if not loader or not loader.get('dataset'):
        splits = [
            k[:-len('_dataloader')] for k, v in model.cfg.items()
            if k.endswith('_dataloader') and v and v.get('dataset')
        ]
        raise ValueError(f'unknown split {split!r}: the config has no '
                         f'{split}_dataloader dataset (splits: {splits})')
    head = getattr(model, 'cls_head', None)
    if stage == 'fused' and not callable(getattr(head, 'fused', None)):
        raise TypeError(f"stage 'fused' needs a head with fused(), got "
                        f'{type(head).__name__}')
    if checkpoint is not None:  # the head too when its features are asked
        _load_weights(model, checkpoint,
                      ('backbone', ) if stage == 'backbone' else
                      ('backbone', 'cls_head'))
    from mmaction.registry import DATASETS
    samples = _samples(DATASETS.build(loader.dataset))
    if not samples:
        raise ValueError(f'the {split} dataset has no videos')
    items = [(name, (dataset, idx)) for name, _, dataset, idx in samples]

    def encode(source):
        return video_feature(model, _load(*source), stage)

    result = extract_features(items, out_dir, encode, overwrite, progress)
    done = set(result.written) | set(result.skipped)
    lines = [
        f'{name} {label}\n' for name, label, *_ in samples if name in done
    ]
    atomic_write_bytes(''.join(lines).encode(),
                       feature_file(out_dir, 'index', '.txt'))
    return result


def video_feature(model: torch.nn.Module,
                  views: torch.Tensor,
                  stage: str = 'backbone') -> np.ndarray:
    """The view-averaged feature of one video's packed views
    ``(views, C, T, H, W)``: ``(E, D)`` element features of a SeFAR
    backbone, the head's ``fused()`` ``(1, hidden)`` with
    ``stage='fused'`` (fused per view, then averaged), or a backbone
    output pooled over time and space ``(1, C)``."""
    from mmfine.models.sefar import MultiGranularTimeSformer
    feats = backbone_features(model, [views])
    if stage == 'fused':
        with torch.no_grad():
            feats = model.cls_head.fused(feats).mean(0, keepdim=True)
    elif isinstance(model.backbone, MultiGranularTimeSformer):
        feats = feats.mean(0)  # (views, E, D) -> (E, D)
    else:
        feats = _pool(feats).mean(0, keepdim=True)
    return feats.float().cpu().numpy()


def _samples(dataset) -> List[Tuple[str, str, object, int]]:
    """``(name, label, dataset, index)`` of every video of ``dataset``,
    through ``ConcatDataset`` and single-dataset wrappers (each video
    once)."""
    if hasattr(dataset, 'datasets'):
        return [s for d in dataset.datasets for s in _samples(d)]
    if hasattr(dataset, 'dataset'):
        return _samples(dataset.dataset)
    dataset.full_init()
    root = (getattr(dataset, 'data_prefix', None) or {}).get('video')
    samples = []
    for idx in range(len(dataset)):
        info = dataset.get_data_info(idx)
        path = info['filename']
        name = osp.splitext(osp.relpath(path, root) if root else path)[0]
        label = info.get('label')
        label = ' '.join(map(str, np.ravel(label))) \
            if label is not None else -1
        samples.append((name, label, dataset, idx))
    return samples


def _load(dataset, idx: int) -> torch.Tensor:
    """The packed test views of sample ``idx`` (no substitute drawn for
    an unreadable video)."""
    path = dataset.get_data_info(idx)['filename']
    try:
        packed = dataset.prepare_data(idx)
    except ITEM_ERRORS:
        raise
    except Exception as e:  # decoders and transforms raise many kinds
        raise RuntimeError(f'{path}: cannot be read or decoded '
                           f'({type(e).__name__}: {e})') from e
    if packed is None:
        raise RuntimeError(f'{path}: cannot be read or decoded')
    if not isinstance(packed.get('inputs'), torch.Tensor):
        raise TypeError(f'{path}: the pipeline gives '
                        f'{type(packed.get("inputs")).__name__} inputs, '
                        'not one tensor of views (a multi-view training '
                        'pipeline? export a val or test split)')
    return packed['inputs']
