import copy

import pytest
from mmengine.runner import Runner

from mmfine.testing import tiny_demo_cfg, tiny_skeleton_data
from mmfine.utils import checkpoint_metrics, quiet


def test_test_checkpoint_matches_load_from_and_prints_nothing(
        tmp_path, capsys):
    ann = tiny_skeleton_data(str(tmp_path / 'data.pkl'))
    cfg = tiny_demo_cfg(tmp_path / 'train', ann, epochs=1)
    Runner.from_cfg(copy.deepcopy(cfg)).train()
    checkpoint = str(tmp_path / 'train' / 'epoch_1.pth')
    reference = copy.deepcopy(cfg)
    reference.load_from = checkpoint
    expected = Runner.from_cfg(reference).test()
    capsys.readouterr()
    metrics = checkpoint_metrics(
        quiet(copy.deepcopy(cfg), str(tmp_path / 'test')), checkpoint)
    assert 'Loads checkpoint' not in capsys.readouterr().out
    assert metrics == expected
    # a checkpoint of another model is refused, not half loaded
    other = quiet(copy.deepcopy(cfg), str(tmp_path / 'other'))
    other.model.cls_head.num_classes += 1
    with pytest.raises(RuntimeError, match='size mismatch'):
        checkpoint_metrics(other, checkpoint)
    other = quiet(copy.deepcopy(cfg), str(tmp_path / 'other'))
    other.model.backbone.num_stages += 1
    with pytest.raises(RuntimeError, match='missing keys'):
        checkpoint_metrics(other, checkpoint)


def test_quiet_sets_warning_logs_and_one_progress_bar(tmp_path):
    cfg = tiny_demo_cfg(tmp_path, 'unused.pkl')
    cfg = quiet(quiet(cfg, str(tmp_path / 'a')), str(tmp_path / 'b'))
    assert cfg.work_dir == str(tmp_path / 'b')
    assert cfg.log_level == 'WARNING'
    assert [h['type'] for h in cfg.custom_hooks].count('ProgressBarHook') == 1
