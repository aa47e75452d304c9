"""Train ST-GCN briefly on real data (UTKinect): far above chance."""
import os.path as osp

import pytest
from mmengine.config import Config
from mmengine.runner import Runner

from mmfine.datasets.converters import convert_utkinect
from mmfine.testing import ROOT, shared_dataset
from mmfine.utils import dump_pickle_atomic

CONFIG = osp.join(ROOT, 'configs', 'skeleton', 'stgcn',
                  'stgcn_8xb16-40e_utkinect-xsub-3d.py')


@pytest.mark.realdata
def test_stgcn_learns_utkinect(tmp_path):
    ann = str(tmp_path / 'utkinect_3d.pkl')
    dump_pickle_atomic(convert_utkinect(shared_dataset('utkinect')), ann)
    cfg = Config.fromfile(CONFIG)
    cfg.work_dir = str(tmp_path / 'work')
    cfg.log_level = 'WARNING'
    # a CPU-sized ST-GCN and schedule; the data pipeline is the config's
    cfg.model.backbone.update(base_channels=32, num_stages=6,
                              inflate_stages=[3, 5], down_stages=[3, 5])
    cfg.model.cls_head.in_channels = 128
    cfg.train_dataloader.dataset.times = 1
    cfg.train_dataloader.dataset.dataset.ann_file = ann
    for loader in ('train_dataloader', 'test_dataloader'):
        cfg[loader].num_workers = 0
        cfg[loader].persistent_workers = False
    cfg.test_dataloader.dataset.ann_file = ann
    cfg.test_dataloader.batch_size = 16
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.train_cfg.max_epochs = 20
    cfg.param_scheduler[0].T_max = 20
    cfg.optim_wrapper.optimizer.lr = 0.05
    runner = Runner.from_cfg(cfg)
    runner.train()
    metrics = runner.test()
    assert len(runner.test_dataloader.dataset) == 99
    assert metrics['acc/top1'] > 0.45, metrics  # chance is 0.10
