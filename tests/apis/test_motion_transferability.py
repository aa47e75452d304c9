"""The transferability protocol: a run trained on set k reads only set
k's training and validation lists and is tested on set k (known) and the
other set (unknown); figures are averaged per direction as the paper does;
the whole loop runs on generated videos."""
import os.path as osp

import pytest
from mmengine.config import Config

from mmfine.apis import motion_transferability as transferability
from mmfine.apis.motion_transferability import (check_same_lists, lists_on_set,
                                                run_transferability,
                                                set_config, summarise)
from mmfine.datasets.synthetic_transfer_videos import make_transfer_videos
from mmfine.testing import ROOT, tiny_transfer_options

CONFIG = f'{ROOT}/configs/demo/coarse-fine_r3d-tiny_1xb16-20e_transfer-' \
    'videos-set1.py'


def lists(loader):
    dataset = loader['dataset']
    return [dataset['ann_file'], dataset['fine_ann_file']]


@pytest.mark.parametrize('set_id', [1, 2])
def test_train_and_known_on_one_set_unknown_on_the_other(set_id):
    base = Config.fromfile(CONFIG)
    other = 3 - set_id
    known = set_config(base, set_id)
    unknown = set_config(base, set_id, other)
    for cfg in (known, unknown):
        for loader in ('train_dataloader', 'val_dataloader'):
            assert all(f'_set{set_id}_' in p and f'_set{other}_' not in p
                       for p in lists(cfg[loader]))
        assert cfg.train_dataloader.dataset.ann_file.endswith(
            f'train_set{set_id}_coarse.txt')
    assert all(f'val_set{set_id}_' in p for p in lists(known.test_dataloader))
    assert all(f'val_set{other}_' in p for p in lists(unknown.test_dataloader))
    # the other set's fine ids name classes the model never learnt
    assert known.test_evaluator.fine and not unknown.test_evaluator.fine
    assert lists(base.train_dataloader)[0].endswith('train_set1_coarse.txt')


def test_lists_outside_the_naming_are_refused():
    node = dict(type='MotionTransferDataset', ann_file='data/train.txt')
    with pytest.raises(ValueError, match='_set<1|2>_'):
        lists_on_set(node, 2)
    other = dict(
        type='ConcatDataset',
        datasets=[
            dict(
                type='MotionTransferDataset',
                ann_file='a/train_set1_coarse.txt'),
            dict(type='VideoDataset', ann_file='a/extra.txt')
        ])
    with pytest.raises(
            ValueError,
            match=r'VideoDataset \(a/extra.txt\) '
            'would read the same list'):
        lists_on_set(other, 2)
    with pytest.raises(ValueError, match='no MotionTransferDataset'):
        set_config(
            Config(
                dict(train_dataloader=dict(dataset=dict(
                    type='VideoDataset')))), 1)


def test_every_config_of_a_comparison_reads_the_same_lists(tmp_path):
    baseline = f'{ROOT}/configs/demo/coarse_r3d-tiny_1xb16-20e_transfer-' \
        'videos-set1.py'
    check_same_lists([baseline, CONFIG])  # the demo's pair
    other = tmp_path / 'other.py'
    other.write_text(f"_base_ = ['{CONFIG}']\n"
                     "val_dataloader = dict(dataset=dict(\n"
                     "    ann_file='elsewhere/val_set1_coarse.txt'))\n")
    with pytest.raises(ValueError, match='val_dataloader'):
        check_same_lists([baseline, str(other)])
    # lists named by set 2 are the same lists: the runner swaps the set
    set2 = tmp_path / 'set2.py'
    set2.write_text(f"_base_ = ['{CONFIG}']\n"
                    "root = 'data/transfer_videos'\n"
                    "train_dataloader = dict(dataset=dict(\n"
                    "    ann_file=f'{root}/train_set2_coarse.txt',\n"
                    "    fine_ann_file=f'{root}/train_set2_fine.txt'))\n")
    check_same_lists([baseline, str(set2)])
    # the same options reach every config: still the same data
    check_same_lists([baseline, CONFIG],
                     {'train_dataloader.dataset.ann_file': 'x_set1_y.txt'})


def test_summary_averages_each_directions_metrics():
    runs = [
        dict(
            set=1,
            seed=0,
            known=90.0,
            unknown=60.0,
            train_s=10.0,
            fine_known=50.0),
        dict(set=2, seed=0, known=80.0, unknown=40.0, train_s=20.0),
        dict(set=1, seed=1, known=100.0, unknown=50.0, train_s=10.0),
        dict(set=2, seed=1, known=70.0, unknown=70.0, train_s=20.0),
    ]
    summary = summarise(runs)
    hm = [(2 * 90 * 60 / 150 + 2 * 80 * 40 / 120) / 2,
          (2 * 100 * 50 / 150 + 70.0) / 2]
    assert summary['HM']['values'] == pytest.approx(hm)
    assert summary['HM']['mean'] == pytest.approx(sum(hm) / 2)
    assert summary['D_abs']['values'] == pytest.approx([35.0, 25.0])
    assert summary['D_rel']['values'] == pytest.approx([
        (30 / 90 * 100 + 50) / 2, 25.0
    ])
    assert summary['set2/known']['values'] == [80.0, 70.0]
    assert 'fine_known' not in summary
    with pytest.raises(ValueError, match=r'seed 1: runs of sets \[1\]'):
        summarise(runs[:3])
    with pytest.raises(ValueError, match='repeat a'):
        summarise(runs + runs[:1])


def test_both_directions_train_and_test_on_generated_videos(
        tmp_path, monkeypatch):
    data = tmp_path / 'videos'
    make_transfer_videos(str(data), dict(train=2, val=1), frames=16)
    tested = []
    real = transferability.checkpoint_metrics

    def recording(cfg, checkpoint):
        tested.append((checkpoint, cfg.test_dataloader.dataset.ann_file,
                       cfg.train_dataloader.dataset.ann_file))
        return real(cfg, checkpoint)

    monkeypatch.setattr(transferability, 'checkpoint_metrics', recording)
    result = run_transferability(CONFIG, str(tmp_path / 'work'), [0],
                                 tiny_transfer_options(str(data)))
    assert [(r['set'], r['seed']) for r in result['runs']] == [(1, 0), (2, 0)]
    # each direction's checkpoint is tested on its own set, then the other
    assert [(osp.basename(t), osp.basename(train)) for _, t, train in tested
            ] == [('val_set1_coarse.txt', 'train_set1_coarse.txt'),
                  ('val_set2_coarse.txt', 'train_set1_coarse.txt'),
                  ('val_set2_coarse.txt', 'train_set2_coarse.txt'),
                  ('val_set1_coarse.txt', 'train_set2_coarse.txt')]
    assert 'set1_seed0' in tested[0][0] and 'set2_seed0' in tested[2][0]
    for run in result['runs']:
        assert 0 <= run['known'] <= 100 and 0 <= run['unknown'] <= 100
        assert 0 <= run['fine_known'] <= 100
    assert {
        'known', 'unknown', 'HM', 'D_abs', 'D_rel', 'fine_known', 'train_s'
    } <= set(result['summary'])
