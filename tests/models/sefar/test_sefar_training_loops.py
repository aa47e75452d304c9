"""SeFAR under mmengine's real training loops: the warm-up, the sin ramp
``xi`` and the teacher's start follow the loop's progress, epoch-based
(``warmup_epochs``) and iteration-based (``warmup_iters``)."""
import math

import pytest
from mmengine.config import Config
from mmengine.hooks import Hook
from mmengine.runner import Runner

from mmfine.datasets.synthetic_submotion_videos import make_submotion_videos
from mmfine.testing import ROOT

CONFIG = f'{ROOT}/configs/demo/sefar_tiny_1xb8-80e_submotion-videos-10pct.py'


class Record(Hook):
    """What each training iteration did: the loop's epoch and iteration,
    ``xi``, the teacher's updates and whether the unlabelled losses ran."""

    def __init__(self):
        self.rows = []

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        model = runner.model
        self.rows.append(
            dict(
                epoch=runner.epoch,
                iter=runner.iter,
                xi=model.ramp(),
                teacher_steps=int(model.teacher.steps),
                unlabelled='ar_weight' in outputs))


@pytest.fixture(scope='module')
def videos(tmp_path_factory):
    root = tmp_path_factory.mktemp('submotion')
    lists = make_submotion_videos(
        str(root), dict(train=2), frames=12, event_frames=3)
    lines = lists['train']  # 12 videos, 6 classes
    (root / 'labeled.txt').write_text('\n'.join(lines[:4]) + '\n')
    (root / 'unlabeled.txt').write_text('\n'.join(lines[4:]) + '\n')
    return root


def run(videos, tmp_path, warmup, **loop):
    cfg = Config.fromfile(CONFIG)
    cfg.work_dir = str(tmp_path)
    cfg.log_level = 'WARNING'
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=-1)
    cfg.val_dataloader = cfg.val_cfg = cfg.val_evaluator = None
    cfg.test_dataloader = cfg.test_cfg = cfg.test_evaluator = None
    loader = cfg.train_dataloader
    loader.num_workers, loader.persistent_workers = 0, False
    loader.batch_size = 4  # 1 labelled + 3 unlabelled
    for dataset, name in zip(loader.dataset.datasets,
                             ('labeled', 'unlabeled')):
        dataset.ann_file = str(videos / f'{name}.txt')
        dataset.data_prefix = dict(video=str(videos))
    cfg.custom_hooks[1].clips = 1  # one labelled clip per step
    cfg.model.update(warmup)
    loader.batch_sampler.update(warmup)
    cfg.train_cfg = dict(loop)
    cfg.param_scheduler = None
    runner = Runner.from_cfg(cfg)
    record = Record()
    runner.register_hook(record)
    runner.train()
    return record.rows


def test_epoch_based_loop(videos, tmp_path):
    # 4 labelled clips, 1 per batch: an epoch is 4 iterations; 3 epochs,
    # the first a warm-up: xi = sin(pi/2 (e + 1 - 1) / (3 - 1))
    rows = run(
        videos, tmp_path, dict(warmup_epochs=1, warmup_iters=None),
        type='EpochBasedTrainLoop', max_epochs=3)
    assert [r['epoch'] for r in rows] == [0] * 4 + [1] * 4 + [2] * 4
    for r in rows:
        expected = math.sin(math.pi / 2 * r['epoch'] / 2)
        assert r['xi'] == pytest.approx(expected)
        assert r['unlabelled'] == (r['epoch'] >= 1)
    # the teacher starts at the first iteration after the warm-up and
    # then moves every iteration
    assert [r['teacher_steps'] for r in rows] == [0] * 4 + list(range(1, 9))


def test_iteration_based_loop(videos, tmp_path):
    # 10 iterations, 3 of warm-up: xi = sin(pi/2 (i + 1 - 3) / (10 - 3))
    rows = run(
        videos, tmp_path, dict(warmup_epochs=0, warmup_iters=3),
        type='IterBasedTrainLoop', max_iters=10, val_interval=100)
    assert [r['iter'] for r in rows] == list(range(10))
    for i, r in enumerate(rows):
        expected = math.sin(math.pi / 2 * (i + 1 - 3) / 7) if i >= 3 else 0
        assert r['xi'] == pytest.approx(expected)
        assert r['unlabelled'] == (i >= 3)
    assert [r['teacher_steps'] for r in rows] == [0] * 3 + list(range(1, 8))
