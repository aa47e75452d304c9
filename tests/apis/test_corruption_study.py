import os
import os.path as osp
import pickle

import pytest
import torch

from mmfine.apis import corruption_study as study
from mmfine.testing import ROOT, tiny_skeleton_data
from mmfine.utils import (apply_skeleton_settings, load_config, split_datasets,
                          split_pipelines)

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


def test_a_completion_is_pretrained_again_only_when_its_settings_change(
        tmp_path):
    """A cached checkpoint is reused for the same settings and replaced for
    others (the depth; the clip length, which rebuilds the bank too, into
    tiles of the new clips), never loaded into a model it does not fit. A
    completion sharing the bank does not rebuild it, and a bank of other
    clips is rebuilt even when the checkpoint is gone."""
    ann = tiny_skeleton_data(str(tmp_path / 'data.pkl'))
    config = osp.join(ROOT, 'configs', 'demo',
                      'completion_mlp_1xb64-600i_fine-skeleton-coco17-2d.py')
    pretraining = study.short_pretraining(2, str(tmp_path / 'bank.pkl'))

    def customize(blocks, clip_len=16):

        def apply(cfg):
            for _, dataset in split_datasets(cfg):
                dataset.ann_file = ann
            cfg.train_dataloader.batch_size = 4
            cfg.model.completion.num_blocks = blocks
            cfg.clip_len = clip_len
            return pretraining(apply_skeleton_settings(cfg))

        return apply

    work_dir = str(tmp_path / 'completion')
    checkpoint = study.ensure_completion(config, work_dir, customize(1))
    first = osp.getmtime(checkpoint)
    assert study.ensure_completion(config, work_dir, customize(1)) == \
        checkpoint
    assert osp.getmtime(checkpoint) == first  # reused
    study.ensure_completion(config, work_dir, customize(2))
    assert osp.getmtime(checkpoint) > first  # pre-trained again
    state = torch.load(checkpoint, map_location='cpu')['state_dict']
    assert any('blocks.1.' in key for key in state)
    second = osp.getmtime(checkpoint)
    bank = osp.getmtime(tmp_path / 'bank.pkl')
    study.ensure_completion(config, work_dir, customize(2, clip_len=32))
    assert osp.getmtime(checkpoint) > second
    assert osp.getmtime(tmp_path / 'bank.pkl') > bank
    with open(tmp_path / 'bank.pkl', 'rb') as f:
        tiles = pickle.load(f)
    assert tiles['windows'].shape[1] == 16  # two tiles per 32-frame clip
    with open(ann, 'rb') as f:
        train = len(pickle.load(f)['split']['train'])
    assert len(tiles['windows']) == 2 * 2 * train  # two passes
    # another completion on the same bank: the bank and the first stay
    bank, third = osp.getmtime(tmp_path / 'bank.pkl'), osp.getmtime(
        checkpoint)
    other = study.ensure_completion(config, str(tmp_path / 'other'),
                                    customize(1, clip_len=32))
    assert osp.getmtime(tmp_path / 'bank.pkl') == bank
    study.ensure_completion(config, work_dir, customize(2, clip_len=32))
    assert osp.getmtime(checkpoint) == third
    # the work directory deleted, the clips changed: a new bank
    os.remove(other)
    study.ensure_completion(config, str(tmp_path / 'other'),
                            customize(1, clip_len=16))
    assert osp.getmtime(tmp_path / 'bank.pkl') > bank
