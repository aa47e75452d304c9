"""Train and test one score-regression config through MMAction2's Runner,
keeping its test predictions (the unit of the CoFInAl demo and of
cross-validation)."""
import os.path as osp
import time
from typing import Dict, Optional

import numpy as np
from mmengine.fileio import load

from mmfine.utils import load_config, quiet


def train_and_test_assessor(config: str,
                            work_dir: str,
                            seed: int,
                            cfg_options: Optional[dict] = None) -> Dict:
    """Train ``config`` with ``seed`` in ``work_dir`` (quietly), then test.

    Args:
        config (str): A ``FeatureAssessor`` config.
        work_dir (str): The run's work directory.
        seed (int): The run's random seed.
        cfg_options (dict, optional): Settings merged into the config
            (e.g. the fold's ``ann_file``s). Defaults to None.

    Returns:
        dict: ``srcc`` and ``rl2`` (the test metrics), ``train_s``, and
        the test samples' ``name``, ``pred`` and ``gt`` scores in the
        test set's order.
    """
    from mmengine.runner import Runner
    cfg = quiet(load_config(config, cfg_options), work_dir)
    cfg.randomness = dict(seed=seed)
    dump = osp.join(cfg.work_dir, 'test_predictions.pkl')
    cfg.test_evaluator = list(cfg.test_evaluator) + [
        dict(type='DumpResults', out_file_path=dump)
    ]
    start = time.time()
    runner = Runner.from_cfg(cfg)
    runner.train()
    train_s = time.time() - start
    metrics = runner.test()
    samples = load(dump)
    return dict(
        srcc=metrics['aqa/srcc'],
        rl2=metrics['aqa/rl2'],
        train_s=train_s,
        name=[s.get('video') for s in samples],
        pred=np.array([s['pred_score'] for s in samples]),
        gt=np.array([s['gt_score'] for s in samples]))
