"""K-fold cross-validation of score-regression configs on a small AQA set.

The set's ``data_root`` holds ``fold<k>_train.csv`` and ``fold<k>_test.csv``
for k = 0 .. K-1 (``tools/data/prepare_ski_jump.py`` writes them); each
config is trained on every fold's training list with every seed and tested
on the fold's held-out list. Per seed, the out-of-fold predictions of all
samples are pooled into one SRCC and one relative L2 (every sample is
predicted exactly once, by a model that never saw it); the spread is over
seeds. The per-fold SRCCs are averaged with Fisher's z as well.

Invariant: every config sees the same folds, seeds and test samples; no
sample is in the training list of the model that predicts it
(:func:`check_folds`).
"""
import os.path as osp
from typing import Dict, List, Sequence

import numpy as np

from mmfine.datasets.score_table import read_score_table
from mmfine.evaluation.functional import fisher_z_mean, relative_l2, srcc
from mmfine.utils import load_config
from .assessor_runs import train_and_test_assessor


def fold_files(data_root: str, num_folds: int) -> List[Dict[str, str]]:
    """``[{'train': path, 'test': path}]`` of the ``num_folds`` folds."""
    folds = []
    for k in range(num_folds):
        files = {
            split: osp.join(data_root, f'fold{k}_{split}.csv')
            for split in ('train', 'test')
        }
        missing = [p for p in files.values() if not osp.isfile(p)]
        if missing:
            raise FileNotFoundError(f'fold {k}: missing {missing}')
        folds.append(files)
    return folds


def _names(path: str) -> List[str]:
    return [video for video, _ in read_score_table(path, 'csv', 'score')]


def check_folds(folds: List[Dict[str, str]]) -> None:
    """Every fold lists the same samples (training and test together),
    its training and test lists are disjoint, and the test lists together
    hold every sample exactly once."""
    everything, tested = None, []
    for k, files in enumerate(folds):
        train, test = _names(files['train']), _names(files['test'])
        leaked = sorted(set(train) & set(test))
        if leaked:
            raise ValueError(f'fold {k}: {leaked} both train and test')
        if everything is None:
            everything = set(train) | set(test)
        elif set(train) | set(test) != everything:
            odd = everything ^ (set(train) | set(test))
            raise ValueError(f'fold {k} lists other samples than fold 0: '
                             f'{sorted(odd)}')
        tested += test
    repeated = sorted({n for n in tested if tested.count(n) > 1})
    if repeated:
        raise ValueError(f'samples tested in several folds: {repeated}')
    if set(tested) != everything:
        raise ValueError('samples never tested: '
                         f'{sorted(everything - set(tested))}')


def cross_validate(config: str,
                   num_folds: int,
                   seeds: Sequence[int],
                   work_dir: str,
                   progress=None) -> List[Dict]:
    """Cross-validate one config.

    Args:
        config (str): A ``FeatureAssessor`` config whose test dataset's
            ``data_root`` holds the fold lists.
        num_folds (int): K.
        seeds (Sequence[int]): One K-fold run per seed.
        work_dir (str): Runs go to ``<work_dir>/seed<s>/fold<k>``.
        progress (callable, optional): Called after every run.

    Returns:
        list[dict]: Per seed: pooled out-of-fold ``srcc`` and ``rl2``
        (x100, as the metric reports it), ``fold_srcc`` (Fisher-z mean of
        the folds' SRCCs), ``train_s`` and the pooled ``name``, ``pred``
        and ``gt``.
    """
    dataset = load_config(config).test_dataloader.dataset
    folds = fold_files(dataset.data_root, num_folds)
    check_folds(folds)
    results = []
    for seed in seeds:
        runs = []
        for k, files in enumerate(folds):
            runs.append(
                train_and_test_assessor(
                    config, osp.join(work_dir, f'seed{seed}', f'fold{k}'),
                    seed, {
                        'train_dataloader.dataset.ann_file':
                        osp.basename(files['train']),
                        'test_dataloader.dataset.ann_file':
                        osp.basename(files['test'])
                    }))
            if progress is not None:
                progress()
        pred = np.concatenate([r['pred'] for r in runs])
        gt = np.concatenate([r['gt'] for r in runs])
        results.append(
            dict(
                srcc=srcc(pred, gt),
                rl2=100 * relative_l2(pred, gt, dataset.score_range),
                fold_srcc=fisher_z_mean([r['srcc'] for r in runs]),
                train_s=sum(r['train_s'] for r in runs),
                name=sum((r['name'] for r in runs), []),
                pred=pred,
                gt=gt))
    return results
