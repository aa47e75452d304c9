"""Cross-validation: every sample is predicted once, by a model that never
trained on it; the pooled SRCC is the SRCC of those predictions."""
import os.path as osp

import numpy as np
import pytest
from scipy.stats import spearmanr

from mmfine.apis.aqa_cross_validation import (check_folds, cross_validate,
                                              fold_files)
from mmfine.testing import ROOT

NAMES = [f'v{i}' for i in range(8)]


def write_set(root, folds=2):
    rng = np.random.default_rng(0)
    (root / 'features').mkdir(parents=True)
    scores = {}
    for i, name in enumerate(NAMES):
        np.save(root / 'features' / f'{name}.npy',
                rng.normal(size=(4 + i % 3, 138)).astype(np.float32))
        scores[name] = 45 + i
    for k in range(folds):
        test = NAMES[k::folds]
        for split, names in (('train', [n for n in NAMES if n not in test]),
                             ('test', test)):
            rows = ['video,score'] + [f'{n},{scores[n]}' for n in names]
            (root / f'fold{k}_{split}.csv').write_text('\n'.join(rows) + '\n')
    config = root / 'config.py'
    base = osp.join(ROOT, 'configs', 'cofinal',
                    'linear-regressor_kinematic_1xb8-200e_ski-jump.py')
    config.write_text(
        f'_base_ = [{base!r}]\n'
        f'train_dataloader = dict(dataset=dict(data_root={str(root)!r}))\n'
        f'test_dataloader = dict(dataset=dict(data_root={str(root)!r}))\n'
        'train_cfg = dict(max_epochs=2)\n')
    return str(config)


def test_out_of_fold_predictions_cover_every_sample_once(tmp_path):
    config = write_set(tmp_path)
    runs = cross_validate(config, 2, [0, 1], str(tmp_path / 'work'))
    assert len(runs) == 2
    for run in runs:
        assert sorted(run['name']) == NAMES
        # each prediction is paired with its own sample's score
        assert [45 + int(n[1:]) for n in run['name']] == list(run['gt'])
        assert run['srcc'] == pytest.approx(
            spearmanr(run['pred'], run['gt'])[0])
        assert run['rl2'] == pytest.approx(
            100 * np.mean(((run['pred'] - run['gt']) / 20)**2))
    assert not np.allclose(runs[0]['pred'], runs[1]['pred'])
    # the same seed trains the same models
    again = cross_validate(config, 2, [0], str(tmp_path / 'again'))
    assert np.allclose(again[0]['pred'], runs[0]['pred'])


def test_leaking_or_missing_folds_are_errors(tmp_path):
    write_set(tmp_path)
    folds = fold_files(str(tmp_path), 2)
    check_folds(folds)
    with pytest.raises(FileNotFoundError, match='fold 2'):
        fold_files(str(tmp_path), 3)
    test0 = (tmp_path / 'fold0_test.csv').read_text()
    (tmp_path / 'fold0_train.csv').write_text(test0 + 'v1,46\n')
    with pytest.raises(ValueError, match='both train and test'):
        check_folds(folds)
    for k in (0, 1):
        (tmp_path / f'fold{k}_train.csv').write_text('video,score\nv1,46\n')
    (tmp_path / 'fold1_test.csv').write_text(test0)
    with pytest.raises(ValueError, match='several folds'):
        check_folds(folds)
    (tmp_path / 'fold1_test.csv').write_text('video,score\nv3,48\n')
    (tmp_path / 'fold0_train.csv').write_text('video,score\nv5,50\nv3,48\n')
    (tmp_path / 'fold1_train.csv').write_text(
        'video,score\nv5,50\nv0,45\nv2,47\nv4,49\nv6,51\n')
    with pytest.raises(ValueError, match='never tested'):
        check_folds(folds)
    # a later fold that lists other samples
    (tmp_path / 'fold1_train.csv').write_text('video,score\nv7,52\n')
    with pytest.raises(ValueError, match='other samples than fold 0'):
        check_folds(folds)
