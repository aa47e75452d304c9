import os.path as osp

import pytest

from mmfine.apis import corruption_study as study
from mmfine.testing import ROOT
from mmfine.utils import load_config, split_pipelines

STGCN = osp.join(ROOT, 'configs', 'demo',
                 'stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py')


def steps(cfg, split):
    return [dict(t) for name, p in split_pipelines(cfg) if name == split
            for t in p]


def test_at_level_sets_only_the_chosen_split():
    cfg = study.at_level(load_config(STGCN), 'severe')
    test = [t for t in steps(cfg, 'test') if t['type'] == 'TemporalCorruption']
    train = [t for t in steps(cfg, 'train')
             if t['type'] == 'TemporalCorruption']
    assert [t['drop_ratio'] for t in test] == ['severe']
    assert train[0]['drop_ratio'] == ['minor', 'moderate', 'severe']
    cfg.test_dataloader.dataset.pipeline = [
        t for t in cfg.test_dataloader.dataset.pipeline
        if t.type != 'TemporalCorruption']
    with pytest.raises(ValueError, match='no TemporalCorruption'):
        study.at_level(cfg, 'minor')


def test_with_restorer_follows_every_corruption():
    cfg = study.with_restorer(load_config(STGCN), 'left_to_right_copy')
    for split in ('train', 'val', 'test'):
        types = [t['type'] for t in steps(cfg, split)]
        i = types.index('TemporalCorruption')
        assert types[i + 1] == 'RestoreDroppedFrames'
        assert steps(cfg, split)[i + 1]['method'] == 'left_to_right_copy'


def test_short_schedule():
    cfg = study.short_schedule(3, seed=7, completion_checkpoint='c.pth')(
        load_config(STGCN))
    assert cfg.train_cfg.max_epochs == cfg.train_cfg.val_interval == 3
    assert cfg.train_dataloader.dataset.times == 1
    assert cfg.randomness.seed == 7
    assert all(s.T_max == 3 for s in cfg.param_scheduler
               if s.type == 'CosineAnnealingLR')
    assert 'completion_checkpoint' not in cfg.model  # ST-GCN: untouched
