"""Train recognizers and test them at several temporal-corruption levels
(FineTec's protocol), shared by the demo and the real-data benchmark."""
import os
import os.path as osp
import time
from typing import Callable, Dict, Optional, Sequence

from mmengine.config import Config
from mmengine.runner import Runner

from mmfine.datasets.skeleton_bank import build_skeleton_bank_from_config
from mmfine.utils import dump_pickle_atomic, quiet

Customize = Optional[Callable[[Config], Config]]


def at_level(cfg: Config, level) -> Config:
    """``cfg`` with its test pipeline's ``TemporalCorruption`` at ``level``
    (a level name or a ratio)."""
    found = False
    for t in cfg.test_dataloader.dataset.pipeline:
        if t.type == 'TemporalCorruption':
            t.drop_ratio = level
            found = True
    if not found:
        raise ValueError('the test pipeline has no TemporalCorruption')
    return cfg


def ensure_completion(config: str, work_dir: str,
                      customize: Customize = None) -> str:
    """Build the config's skeleton bank when missing and pre-train the
    completion when its last checkpoint is missing; that checkpoint."""
    cfg = Config.fromfile(config)
    if customize:
        cfg = customize(cfg)
    bank_file = cfg.model.completion.get('bank_file')
    if bank_file and not osp.exists(bank_file):
        print(f'building the skeleton bank {bank_file}')
        os.makedirs(osp.dirname(osp.abspath(bank_file)), exist_ok=True)
        dump_pickle_atomic(build_skeleton_bank_from_config(cfg), bank_file)
    checkpoint = osp.join(work_dir, f'iter_{cfg.train_cfg.max_iters}.pth')
    if not osp.exists(checkpoint):
        print('pre-training the sequence completion '
              f'({cfg.train_cfg.max_iters} iterations)')
        Runner.from_cfg(quiet(cfg, work_dir)).train()
    return checkpoint


def train_and_test(config: str, work_dir: str, levels: Sequence,
                   customize: Customize = None,
                   confusion_matrices: bool = True) -> Dict:
    """Train ``config`` once, then test its last checkpoint at each level
    (every method sees the same clips: the corruption is seeded per
    sample at test time).

    Returns ``{'train_s': seconds, level: (top-1, mean class accuracy)}``;
    a confusion matrix per level is written to
    ``work_dir/confusion_matrix_<level>.png``."""
    def load():
        cfg = Config.fromfile(config)
        return customize(cfg) if customize else cfg

    cfg = quiet(load(), work_dir)
    start = time.time()
    Runner.from_cfg(cfg).train()
    result = dict(train_s=time.time() - start)
    checkpoint = osp.join(work_dir, f'epoch_{cfg.train_cfg.max_epochs}.pth')
    for level in levels:
        test_cfg = at_level(quiet(load(), osp.join(work_dir, str(level))),
                            level)
        test_cfg.load_from = checkpoint
        test_cfg.test_evaluator = [dict(type='AccMetric')]
        if confusion_matrices:
            test_cfg.test_evaluator.append(
                dict(type='ConfusionMatrixPlot',
                     out_file=osp.join(work_dir,
                                       f'confusion_matrix_{level}.png')))
        metrics = Runner.from_cfg(test_cfg).test()
        result[level] = (metrics['acc/top1'], metrics['acc/mean1'])
    return result
