"""Top-level skeleton settings a child config sets once: ``clip_len``,
``corruption`` (``train_corruption``) and ``layout_name``.

MMEngine resolves a base file's variables when the base is read, so a child
that writes ``clip_len = 48`` changes the variable but not the pipelines
built from it. ``load_config`` (used by ``tools/train.py``,
``tools/test.py`` and ``mmfine.apis``) writes each setting the config
defines into every place that depends on it:

- ``clip_len``: the ``clip_len`` of every frame sampler of the train, val
  and test pipelines;
- ``corruption``: the ``drop_ratio`` of every ``TemporalCorruption``
  (``train_corruption``, when set, that of the train pipeline: e.g. a list
  of levels, one drawn per sample);
- ``restorer``: a ``RestoreDroppedFrames`` method (e.g.
  ``'linear_interpolation'``) inserted after every ``TemporalCorruption``
  (FineTec Fig. 4's restorers in front of an unchanged recognizer);
- ``num_workers``: the workers of every dataloader (persistent when more
  than zero; 0 is fastest for small sets on a 2-core CPU machine);
- ``layout_name``: the ``layout`` of every dataset, of every model module
  that takes one (completion, decomposition) with its ``num_joints``, and
  the ``graph_cfg.layout`` of every GCN backbone.

Without ``layout_name`` the layouts named by the datasets and the model
must agree, else ``load_config`` raises (a dataset in one 17-joint layout
fed to a model built for another is an error, not a silent mismatch).
"""
from typing import Dict, Iterator, List, Optional, Tuple

from mmengine.config import Config, ConfigDict

from mmfine.structures import get_layout

SPLITS = ('train', 'val', 'test')
FRAME_SAMPLERS = ('UniformSampleFrames', 'SampleFrames', 'UniformSample')


def split_datasets(cfg: Config) -> Iterator[Tuple[str, Dict]]:
    """``(split, dataset config)`` of the train, val and test dataloaders,
    through dataset wrappers such as ``RepeatDataset``."""
    for split in SPLITS:
        loader = cfg.get(f'{split}_dataloader') or {}
        dataset = loader.get('dataset')
        while dataset is not None and 'dataset' in dataset:
            dataset = dataset['dataset']
        if dataset is not None:
            yield split, dataset


def split_pipelines(cfg: Config) -> Iterator[Tuple[str, List[Dict]]]:
    """``(split, pipeline)`` of the train, val and test datasets."""
    for split, dataset in split_datasets(cfg):
        if 'pipeline' in dataset:
            yield split, dataset['pipeline']


def insert_restorer(cfg: Config, method: str) -> Config:
    """``RestoreDroppedFrames(method)`` right after every
    ``TemporalCorruption`` not yet followed by one."""
    for _, pipeline in split_pipelines(cfg):
        for i in reversed(range(len(pipeline))):
            following = pipeline[i + 1] if i + 1 < len(pipeline) else {}
            if pipeline[i].get('type') == 'TemporalCorruption' and \
                    following.get('type') != 'RestoreDroppedFrames':
                pipeline.insert(
                    i + 1,
                    ConfigDict(type='RestoreDroppedFrames', method=method))
    return cfg


def set_num_workers(cfg: Config, num_workers: int) -> Config:
    """``num_workers`` for every dataloader, persistent when more than 0."""
    for split in SPLITS:
        loader = cfg.get(f'{split}_dataloader')
        if loader:
            loader['num_workers'] = num_workers
            loader['persistent_workers'] = num_workers > 0
    return cfg


def _model_dicts(node) -> Iterator[Tuple[Optional[str], Dict]]:
    """Every dict in a model config with the key it hangs under."""
    stack = [(None, node)]
    while stack:
        key, item = stack.pop()
        if isinstance(item, dict):
            yield key, item
            stack.extend(item.items())
        elif isinstance(item, (list, tuple)):
            stack.extend((key, x) for x in item)


def _model_layouts(cfg: Config) -> List[str]:
    return [
        d['layout'] for key, d in _model_dicts(cfg.get('model', {}))
        if key != 'graph_cfg' and isinstance(d.get('layout'), str)
    ]


#: PreNormalize3D's spine (``zaxis``) and shoulder (``xaxis``) joints;
#: MMAction2's defaults [0, 1] / [8, 4] are these joints of NTU / Kinect v1
BODY_AXES = dict(
    zaxis=('pelvis', 'spine'), xaxis=('right_shoulder', 'left_shoulder'))


def set_body_axes(step: Dict, layout) -> None:
    """Point a ``PreNormalize3D`` step's ``zaxis`` / ``xaxis`` at
    ``layout``'s pelvis, spine and shoulders unless the step names them
    (MMAction2's defaults are NTU's indices, silently wrong elsewhere)."""
    for key, joints in BODY_AXES.items():
        if key in step:
            continue
        missing = [j for j in joints if j not in layout.joints]
        if missing:
            raise ValueError(
                f'PreNormalize3D needs the joints {missing} of layout '
                f'{layout.name!r} for its {key}; name the two joint indices '
                f'in the step ({key}=[i, j])')
        step[key] = [layout.index(j) for j in joints]


def apply_skeleton_settings(cfg: Config) -> Config:
    """Write ``clip_len``, ``corruption``, ``train_corruption``,
    ``num_workers`` and ``layout_name`` (those the config defines at top
    level) where they belong (the layout also gives ``PreNormalize3D`` its
    body axes, ``set_body_axes``); check layouts.

    Args:
        cfg (Config): A loaded config.

    Returns:
        Config: ``cfg``, changed in place.

    Raises:
        ValueError: When, without ``layout_name``, the datasets and the
            model name different layouts.
    """
    for split, pipeline in split_pipelines(cfg):
        level = cfg.get('corruption')
        if split == 'train':
            level = cfg.get('train_corruption', level)
        for step in pipeline:
            if 'clip_len' in cfg and step.get('type') in FRAME_SAMPLERS:
                step['clip_len'] = cfg.clip_len
            if level is not None and step.get('type') == \
                    'TemporalCorruption':
                step['drop_ratio'] = level
    if cfg.get('restorer'):
        insert_restorer(cfg, cfg.restorer)
    if 'num_workers' in cfg:
        set_num_workers(cfg, cfg.num_workers)
    if 'layout_name' in cfg:
        layout = get_layout(cfg.layout_name)
        for _, pipeline in split_pipelines(cfg):
            for step in pipeline:
                if step.get('type') == 'PreNormalize3D':
                    set_body_axes(step, layout)
        for _, dataset in split_datasets(cfg):
            if 'layout' in dataset:
                dataset['layout'] = layout.name
        for key, node in _model_dicts(cfg.get('model', {})):
            if key == 'graph_cfg' and 'layout' in node:
                # MMAction2's own name of this layout (e.g. 'coco') stays
                if not isinstance(node['layout'], str) or get_layout(
                        node['layout']).name != layout.name:
                    node['layout'] = layout.graph_layout()
            elif isinstance(node.get('layout'), str):
                node['layout'] = layout.name
                if 'num_joints' in node:
                    node['num_joints'] = layout.num_joints
            elif 'num_joints' in node and key == 'physics':
                node['num_joints'] = layout.num_joints
        return cfg
    named = {
        get_layout(d['layout']).name
        for _, d in split_datasets(cfg) if d.get('layout')
    }
    named |= {get_layout(name).name for name in _model_layouts(cfg)}
    if len(named) > 1:
        raise ValueError(
            f'the config names several skeleton layouts {sorted(named)} '
            '(datasets and model must agree): set layout_name = "<layout>" '
            'once at the top of the config')
    return cfg


def load_config(path: str, cfg_options: Optional[Dict] = None) -> Config:
    """``Config.fromfile(path)``, ``cfg_options`` merged, skeleton settings
    applied (``apply_skeleton_settings``)."""
    cfg = Config.fromfile(path)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    return apply_skeleton_settings(cfg)
