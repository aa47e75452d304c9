"""Train recognizers and test them at several temporal-corruption levels
(FineTec's protocol), for any configs: the API behind the demo and
``tools/analysis/benchmark_finetec_real.py``.

    from mmfine.apis import corruption_study
    result = corruption_study.train_and_test(
        'configs/finetec/stgcn_4xb16-150e_gym99-2d-moderate.py',
        'work_dirs/study/stgcn', ['minor', 'moderate', 'severe'],
        customize=corruption_study.short_schedule(10))

Every method tested this way sees the same corrupted test samples: the
test pipeline's ``TemporalCorruption`` drops frames once per sample,
seeded by the sample's name, whatever the model.
"""
import json
import os
import os.path as osp
import time
from typing import Callable, Dict, Optional, Sequence

from mmengine.config import Config
from mmengine.runner import Runner

from mmfine.datasets.skeleton_bank import build_skeleton_bank_from_config
from mmfine.utils import (checkpoint_metrics, dump_pickle_atomic,
                          insert_restorer, load_config, quiet, set_num_workers,
                          split_datasets, split_pipelines)

Customize = Optional[Callable[[Config], Config]]


def at_level(cfg: Config, level, split: str = 'test') -> Config:
    """``cfg`` with the ``TemporalCorruption`` of its ``split`` pipeline at
    ``level`` (a level name, a ratio, or a list of them).

    Args:
        cfg (Config): A config whose pipeline has ``TemporalCorruption``.
        level (str | float | list): The level.
        split (str): ``'train'``, ``'val'`` or ``'test'``. Defaults to
            ``'test'``.

    Returns:
        Config: ``cfg``, changed in place.
    """
    found = False
    for name, pipeline in split_pipelines(cfg):
        if name != split:
            continue
        for step in pipeline:
            if step['type'] == 'TemporalCorruption':
                step['drop_ratio'] = level
                found = True
    if not found:
        raise ValueError(f'the {split} pipeline has no TemporalCorruption')
    return cfg


def with_restorer(cfg: Config, method: str = 'linear_interpolation') -> Config:
    """``cfg`` with ``RestoreDroppedFrames(method)`` right after every
    ``TemporalCorruption``: the recognizer sees restored input (FineTec
    Fig. 4's restorers in front of an unchanged recognizer)."""
    return insert_restorer(cfg, method)


def machine_workers() -> int:
    """Dataloader workers for short CPU runs: none on a machine with at
    most 2 cores (workers there compete with the model for the cores;
    measured 7x slower completion pre-training), else 2."""
    return 0 if (os.cpu_count() or 1) <= 2 else 2


def short_schedule(
        epochs: int,
        seed: Optional[int] = None,
        completion_checkpoint: Optional[str] = None
) -> Callable[[Config], Config]:
    """A ``customize`` for ``train_and_test``: ``epochs`` epochs without
    dataset repetition, one validation at the end, learning rate scaled to
    the batch (``auto_scale_lr``), dataloader workers by
    ``machine_workers``, optionally another seed and completion
    checkpoint."""

    def customize(cfg: Config) -> Config:
        set_num_workers(cfg, machine_workers())
        cfg.train_cfg.max_epochs = epochs
        cfg.train_cfg.val_interval = epochs
        for scheduler in cfg.param_scheduler:
            if scheduler.type == 'CosineAnnealingLR':
                scheduler.T_max = epochs
        if 'times' in cfg.train_dataloader.dataset:
            cfg.train_dataloader.dataset.times = 1
        cfg.auto_scale_lr.enable = True
        if seed is not None:
            cfg.randomness = dict(seed=seed)
        if completion_checkpoint and 'completion_checkpoint' in cfg.model:
            cfg.model.completion_checkpoint = completion_checkpoint
        return cfg

    return customize


def short_pretraining(iters: int,
                      bank_file: str,
                      lr: float = 1e-3) -> Callable[[Config], Config]:
    """A ``customize`` for ``ensure_completion``: ``iters`` iterations at
    ``lr`` with a cosine decay, the bank at ``bank_file``, dataloader
    workers by ``machine_workers``."""

    def customize(cfg: Config) -> Config:
        set_num_workers(cfg, machine_workers())
        cfg.model.completion.bank_file = bank_file
        cfg.train_cfg.max_iters = iters
        cfg.train_cfg.val_interval = iters
        cfg.optim_wrapper.optimizer.lr = lr
        cfg.default_hooks.checkpoint.interval = iters
        for scheduler in cfg.param_scheduler:
            scheduler.T_max = iters
        return cfg

    return customize


def _older_than(path: str, sources: Sequence[str]) -> bool:
    """Whether ``path`` is missing or older than any existing source."""
    if not osp.exists(path):
        return True
    mtime = osp.getmtime(path)
    return any(osp.exists(s) and osp.getmtime(s) > mtime for s in sources)


def _train_dataset(cfg: Dict) -> Optional[Dict]:
    """The train dataset config (file, split, pipeline) of a config dict."""
    return dict(split_datasets(cfg)).get('train')


def _pretraining_settings(cfg: Config) -> str:
    """What a pre-trained completion depends on besides its data and bank:
    the model, train dataset and pipeline (clip length), schedule,
    optimiser and seed, as canonical JSON."""
    keys = ('model', 'train_cfg', 'optim_wrapper', 'param_scheduler',
            'randomness')
    full = cfg.to_dict()
    settings = {k: full.get(k) for k in keys}
    settings['train_dataset'] = _train_dataset(full)
    return json.dumps(settings, sort_keys=True, default=str)


def _bank_settings(cfg: Config) -> str:
    """What a skeleton bank depends on besides its data: the train dataset
    and pipeline (clip length) and the completion's layout and window."""
    full = cfg.to_dict()
    completion = full['model']['completion']
    settings = {
        k: completion.get(k)
        for k in ('layout', 'num_joints', 'coord_dims', 'window')
    }
    settings['train_dataset'] = _train_dataset(full)
    return json.dumps(settings, sort_keys=True, default=str)


def _read(path: str) -> Optional[str]:
    """The text of ``path``, None when it does not exist."""
    if not osp.exists(path):
        return None
    with open(path) as f:
        return f.read()


def ensure_completion(config: str,
                      work_dir: str,
                      customize: Customize = None) -> str:
    """Build the config's skeleton bank when it is missing, older than the
    training data, or was built with other settings (train dataset and
    pipeline, layout, window; recorded beside it in
    ``<bank_file>.settings.json``), and pre-train the completion when it
    is missing, older than its data or bank, or was pre-trained with other
    settings (model, train dataset and pipeline, schedule, optimiser,
    seed; recorded in ``pretraining_settings.json``). Completions sharing
    a bank do not rebuild it for each other. A code change alone is not
    detected: delete the work directory (and the bank) to pre-train again.

    Returns:
        str: The last checkpoint (no checkpoint is selected on a test
        split).
    """
    cfg = load_config(config)
    if customize:
        cfg = customize(cfg)
    data = [
        d['ann_file'] for split, d in split_datasets(cfg)
        if split == 'train' and 'ann_file' in d
    ]
    bank_file = cfg.model.completion.get('bank_file')
    checkpoint = osp.join(work_dir, f'iter_{cfg.train_cfg.max_iters}.pth')
    record = osp.join(work_dir, 'pretraining_settings.json')
    settings = _pretraining_settings(cfg)
    changed = osp.exists(checkpoint) and _read(record) != settings
    if changed:
        print(f'{checkpoint} was pre-trained with other settings')
    if bank_file:
        bank_record = bank_file + '.settings.json'
        bank_settings = _bank_settings(cfg)
        if _older_than(bank_file, data) or _read(bank_record) != \
                bank_settings:
            print(f'building the skeleton bank {bank_file}')
            os.makedirs(osp.dirname(osp.abspath(bank_file)), exist_ok=True)
            dump_pickle_atomic(build_skeleton_bank_from_config(cfg),
                               bank_file)
            with open(bank_record, 'w') as f:
                f.write(bank_settings)
    stale = changed or _older_than(
        checkpoint, data + ([bank_file] if bank_file else []))
    if stale:
        print('pre-training the sequence completion '
              f'({cfg.train_cfg.max_iters} iterations)')
        Runner.from_cfg(quiet(cfg, work_dir)).train()
        with open(record, 'w') as f:
            f.write(settings)
    return checkpoint


def train_and_test(config: str,
                   work_dir: str,
                   levels: Sequence,
                   customize: Customize = None,
                   confusion_matrices: bool = True) -> Dict:
    """Train ``config`` once, then test its last checkpoint at each level.

    Args:
        config (str): A recognizer config with ``TemporalCorruption`` in
            its test pipeline.
        work_dir (str): Where checkpoints, logs and plots go.
        levels (Sequence): Test levels (names or ratios).
        customize (Callable, optional): Changes the loaded config (e.g.
            ``short_schedule(...)``, ``with_restorer``).
        confusion_matrices (bool): Write
            ``work_dir/confusion_matrix_<level>.png``. Defaults to True.

    Returns:
        dict: ``{'train_s': seconds, level: (top-1, mean class accuracy)}``.
    """

    def load():
        cfg = load_config(config)
        return customize(cfg) if customize else cfg

    cfg = quiet(load(), work_dir)
    start = time.time()
    Runner.from_cfg(cfg).train()
    result = dict(train_s=time.time() - start)
    checkpoint = osp.join(work_dir, f'epoch_{cfg.train_cfg.max_epochs}.pth')
    for level in levels:
        test_cfg = at_level(
            quiet(load(), osp.join(work_dir, str(level))), level)
        test_cfg.test_evaluator = [dict(type='AccMetric')]
        if confusion_matrices:
            test_cfg.test_evaluator.append(
                dict(
                    type='ConfusionMatrixPlot',
                    out_file=osp.join(work_dir,
                                      f'confusion_matrix_{level}.png')))
        metrics = checkpoint_metrics(test_cfg, checkpoint)
        result[level] = (metrics['acc/top1'], metrics['acc/mean1'])
    return result
