"""Top-level clip_len / corruption / layout_name reach every place that
depends on them; conflicting layouts are refused."""
import pytest
from mmengine.config import Config

from mmaction.registry import MODELS
from mmfine.structures import get_layout
from mmfine.utils import (apply_skeleton_settings, load_config, split_datasets,
                          split_pipelines)

FINETEC = 'configs/finetec/finetec_stgcn_8xb16-40e_msr-action3d-xsub-3d-' \
    'moderate.py'
STGCN_SEVERE = 'configs/finetec/stgcn_4xb16-150e_gym99-2d-severe.py'


def steps(cfg, kind):
    return {split: [s for s in pipeline if s['type'] == kind]
            for split, pipeline in split_pipelines(cfg)}


def test_clip_len_and_corruption_reach_every_pipeline():
    cfg = load_config(FINETEC, dict(clip_len=48, corruption=0.6))
    samplers = steps(cfg, 'UniformSampleFrames')
    corruptions = steps(cfg, 'TemporalCorruption')
    assert set(samplers) == {'train', 'val', 'test'}
    assert all(s['clip_len'] == 48 for v in samplers.values() for s in v)
    assert all(s['drop_ratio'] == 0.6
               for v in corruptions.values() for s in v)
    # the severe child sets only `corruption = 'severe'`
    severe = load_config(STGCN_SEVERE)
    assert all(s['drop_ratio'] == 'severe'
               for v in steps(severe, 'TemporalCorruption').values()
               for s in v)


def test_layout_name_reaches_datasets_and_model():
    cfg = load_config(FINETEC, dict(layout_name='h36m17'))
    h36m = get_layout('h36m17')
    assert {d['layout'] for _, d in split_datasets(cfg)} == {'h36m17'}
    assert cfg.model.completion.layout == 'h36m17'
    assert cfg.model.completion.num_joints == 17
    assert cfg.model.decomposition.layout == 'h36m17'
    assert cfg.model.physics.num_joints == 17
    assert cfg.model.backbone.graph_cfg.layout == h36m.graph_layout()


def test_mmaction2_graph_names_stay_for_their_own_layout():
    """``graph_cfg.layout='coco'`` (MMAction2's name) is left as it is for
    ``layout_name='coco17'`` (the model still builds) and replaced for
    another layout."""
    config = 'configs/demo/stgcn_1xb32-10e_fine-skeleton-coco17-2d-' \
        'corrupted.py'
    cfg = load_config(config, {'layout_name': 'coco17'})
    assert cfg.model.backbone.graph_cfg.layout == 'coco'
    MODELS.build(cfg.model)
    cfg = load_config(config, {'layout_name': 'h36m17'})
    assert cfg.model.backbone.graph_cfg.layout == \
        get_layout('h36m17').graph_layout()


def test_layout_name_gives_prenormalize3d_the_layouts_body_axes():
    """Kinect v1's pelvis/spine and shoulders are MMAction2's defaults;
    Human3.6M's are other joints; a layout without them is named, and axes
    a step names are kept."""
    kinect = steps(load_config(FINETEC), 'PreNormalize3D')
    assert all(s['zaxis'] == [0, 1] and s['xaxis'] == [8, 4]
               for split in kinect.values() for s in split)
    h36m = steps(load_config(FINETEC, dict(layout_name='h36m17')),
                 'PreNormalize3D')
    assert sum(map(len, h36m.values())) == 3
    assert all(s['zaxis'] == [0, 7] and s['xaxis'] == [14, 11]
               for split in h36m.values() for s in split)
    with pytest.raises(ValueError, match="'spine'.*'coco17'"):
        load_config(FINETEC, dict(layout_name='coco17'))
    cfg = Config.fromfile(FINETEC)
    for _, pipeline in split_pipelines(cfg):
        pipeline[0].update(zaxis=[1, 2], xaxis=[3, 4])
    cfg.layout_name = 'coco17'
    named = steps(apply_skeleton_settings(cfg), 'PreNormalize3D')
    assert all(s['zaxis'] == [1, 2] for split in named.values()
               for s in split)


def test_conflicting_layouts_without_layout_name_are_refused():
    cfg = Config.fromfile(FINETEC)
    cfg.pop('layout_name')
    apply_skeleton_settings(cfg)  # datasets and model agree
    cfg.model.completion.layout = 'h36m17'
    with pytest.raises(ValueError, match='several skeleton layouts'):
        apply_skeleton_settings(cfg)


def test_num_workers_reaches_every_dataloader():
    cfg = load_config(FINETEC, dict(num_workers=0))
    for split in ('train', 'val', 'test'):
        loader = cfg[f'{split}_dataloader']
        assert loader.num_workers == 0 and not loader.persistent_workers
