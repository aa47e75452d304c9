"""The SeFAR comparisons keep what the paper keeps fixed: the
supervised-only baseline and the SVFormer-style one train the same
backbone and head on the same labelled list and pipeline, with the same
schedule, the same labelled clips per optimizer step and, an epoch being
one pass over the labelled list, the same number of steps."""
import glob
import os.path as osp

import pytest

from mmfine.testing import ROOT
from mmfine.utils import load_config

SUPERVISED = sorted(
    glob.glob(f'{ROOT}/configs/sefar/supervised_*.py') +
    glob.glob(f'{ROOT}/configs/demo/supervised_tiny_*.py'))


def sefar_config(path):
    """The SeFAR config a baseline config is compared with."""
    name = osp.basename(path)
    if name.startswith('supervised_tiny'):
        return path.replace('supervised_tiny', 'sefar_tiny')
    return path.replace('supervised_vit-s', 'sefar-s_vit-s')


def clips_per_step(cfg):
    return [
        h['clips'] for h in cfg.custom_hooks
        if h['type'] == 'LabeledClipsPerStepHook'
    ]


def steps_per_epoch(cfg, labelled_videos):
    """Optimizer steps of one epoch on one rank: labelled clips per batch
    times the accumulation the step hook sets is ``clips`` per step."""
    loader = cfg.train_dataloader
    if 'batch_sampler' in loader:
        ratio = loader.batch_sampler.source_ratio
        per_batch = loader.batch_size * ratio[0] // sum(ratio)
        assert loader.batch_sampler.epoch_length == 'labeled'
    else:
        per_batch = loader.batch_size
    batches = labelled_videos // per_batch
    return batches // (clips_per_step(cfg)[0] // per_batch)


def test_every_baseline_has_its_sefar_config():
    assert len(SUPERVISED) >= 12
    for path in SUPERVISED:
        assert osp.isfile(sefar_config(path)), path


@pytest.mark.parametrize(
    'path', SUPERVISED, ids=[osp.basename(p) for p in SUPERVISED])
def test_supervised_baseline_sees_what_sefar_sees(path):
    sefar, supervised = load_config(sefar_config(path)), load_config(path)
    assert supervised.model.type == 'Recognizer3D'
    for part in ('backbone', 'cls_head', 'data_preprocessor'):
        assert supervised.model[part] == sefar.model[part], part
    labelled = sefar.train_dataloader.dataset.datasets[0]
    assert supervised.train_dataloader.dataset == labelled
    for key in ('train_cfg', 'optim_wrapper', 'param_scheduler',
                'val_dataloader', 'test_dataloader', 'test_evaluator'):
        assert supervised[key] == sefar[key], key
    assert clips_per_step(supervised) == clips_per_step(sefar) != []
    for videos in (1316, 4800):  # Gym99 5%, a larger list
        assert steps_per_epoch(supervised, videos) == \
            steps_per_epoch(sefar, videos)


def test_svformer_style_baseline_changes_the_method_only():
    """Strong view and pseudo-label weighting differ; data, labelled list,
    model body and schedule do not."""
    for path in sorted(glob.glob(f'{ROOT}/configs/sefar/svformer-style_*.py')):
        base = load_config(path.replace('svformer-style_vit-s',
                                        'sefar-s_vit-s'))
        cfg = load_config(path)
        assert cfg.model.weighting == 'threshold'
        for part in ('backbone', 'cls_head'):
            assert cfg.model[part] == base.model[part]
        for key in ('train_cfg', 'optim_wrapper', 'custom_hooks'):
            assert cfg[key] == base[key], key
        ours, theirs = (c.train_dataloader.dataset.datasets
                        for c in (cfg, base))
        assert ours[0] == theirs[0]  # the labelled list and pipeline
        assert ours[1].ann_file == theirs[1].ann_file
