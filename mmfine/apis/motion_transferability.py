"""The motion-transferability protocol (seed 003, METHODS.md section 4):
train on one set, test on held-out videos of the same set (known) and on
the other set (unknown), in both directions.

Invariant: a run trained on set k sees only set k's training lists; its
known figure comes from set k's validation list, its unknown figure from
the other set's, and every method of a comparison runs on the same lists
with the same seeds. The config names set 1's lists in Syn-TA's naming
(``<split>_set1_{coarse,fine}.txt``); set 2's are the same names with
``set2``.
"""
import copy
import os.path as osp
import re
import time
from typing import Dict, List, Sequence

import numpy as np

from mmfine.evaluation.functional import transfer_metrics
from mmfine.utils import checkpoint_metrics, load_config, quiet

SETS = (1, 2)
LIST_KEYS = ('ann_file', 'fine_ann_file')
SET_NAME = re.compile(r'_set[12]_')


def other_set(set_id: int) -> int:
    return 3 - set_id


def lists_on_set(node, set_id: int) -> int:
    """Point every ``MotionTransferDataset`` in ``node`` at set
    ``set_id``'s lists (in place); returns how many lists it rewrote."""
    count = 0
    if isinstance(node, dict):
        if 'ann_file' in node and node.get('type') != \
                'MotionTransferDataset':
            raise ValueError(
                f"{node.get('type')} ({node['ann_file']}) would read the "
                'same list in both directions: the runner swaps sets only '
                'in MotionTransferDataset lists')
        if node.get('type') == 'MotionTransferDataset':
            for key in LIST_KEYS:
                if node.get(key) is None:
                    continue
                if not SET_NAME.search(osp.basename(node[key])):
                    raise ValueError(
                        f'{node[key]}: motion-transferability lists are '
                        'named <split>_set<1|2>_<coarse|fine>.txt, the '
                        'runner swaps the set in that name')
                head, tail = osp.split(node[key])
                node[key] = osp.join(head,
                                     SET_NAME.sub(f'_set{set_id}_', tail))
                count += 1
        for value in node.values():
            count += lists_on_set(value, set_id)
    elif isinstance(node, (list, tuple)):
        for value in node:
            count += lists_on_set(value, set_id)
    return count


def transfer_lists(node) -> List[tuple]:
    """``(ann_file, fine_ann_file, data_prefix)`` of every
    ``MotionTransferDataset`` in ``node``, in config order, with the set in
    the list names read as set 1 (the runner swaps it)."""
    if isinstance(node, dict):
        found = []
        if node.get('type') == 'MotionTransferDataset':
            names = [SET_NAME.sub('_set1_', str(node.get(k)))
                     for k in LIST_KEYS]
            found.append((*names, repr(node.get('data_prefix'))))
        return found + [x for v in node.values() for x in transfer_lists(v)]
    if isinstance(node, (list, tuple)):
        return [x for v in node for x in transfer_lists(v)]
    return []


def check_same_lists(configs: Sequence[str], cfg_options: Dict = None) -> None:
    """The runner's invariant across a comparison: every config trains,
    validates and tests on the same lists and videos (raises
    ``ValueError`` naming the first config and loader that differ)."""
    loaders = ('train_dataloader', 'val_dataloader', 'test_dataloader')
    reference = None
    for config in configs:
        cfg = load_config(config, cfg_options)
        lists = {k: transfer_lists(cfg.get(k)) for k in loaders}
        if reference is None:
            reference = (config, lists)
            continue
        for loader in loaders:
            if lists[loader] != reference[1][loader]:
                raise ValueError(
                    f'{config} and {reference[0]} read different lists in '
                    f'{loader} ({lists[loader]} against '
                    f'{reference[1][loader]}): a comparison needs the same '
                    'data for every config')


def set_config(cfg, set_id: int, test_set: int = None):
    """A copy of ``cfg`` that trains and validates on set ``set_id`` and
    tests on ``test_set`` (default: the same set); fine accuracy is
    reported only when testing on the training set (the other set's fine
    classes are not the model's)."""
    cfg = copy.deepcopy(cfg)
    test_set = set_id if test_set is None else test_set
    for loader, target in (('train_dataloader', set_id),
                           ('val_dataloader', set_id), ('test_dataloader',
                                                        test_set)):
        if cfg.get(loader) is not None and \
                lists_on_set(cfg[loader], target) == 0:
            raise ValueError(f'{loader} has no MotionTransferDataset: the '
                             'runner needs the Syn-TA-style lists')
    evaluators = cfg.test_evaluator if isinstance(
        cfg.test_evaluator, list) else [cfg.test_evaluator]
    for evaluator in evaluators:
        if evaluator.get('type') == 'CoarseFineAccuracy':
            evaluator['fine'] = test_set == set_id
    return cfg


def train_direction(config: str,
                    set_id: int,
                    seed: int,
                    work_dir: str,
                    cfg_options: Dict = None) -> Dict[str, float]:
    """Train ``config`` on set ``set_id`` with ``seed``; coarse accuracy
    on both sets (``known``, ``unknown``, in %), fine accuracy on the
    training set (``fine_known``, when the model predicts fine classes)
    and the training time."""
    from mmengine.runner import Runner
    base = load_config(config, cfg_options)
    base.randomness = dict(base.get('randomness') or {}, seed=seed)
    cfg = quiet(set_config(base, set_id), work_dir)
    start = time.time()
    runner = Runner.from_cfg(cfg)
    runner.train()
    row = dict(train_s=time.time() - start)
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        checkpoint = f.read().strip()
    for name, test_set in (('known', set_id), ('unknown', other_set(set_id))):
        test_cfg = quiet(
            set_config(base, set_id, test_set),
            osp.join(work_dir, f'test_{name}'))
        metrics = checkpoint_metrics(test_cfg, checkpoint)
        row[name] = metrics['transfer/coarse_top1']
        if name == 'known' and 'transfer/fine_top1' in metrics:
            row['fine_known'] = metrics['transfer/fine_top1']
    return row


def summarise(runs: List[Dict]) -> Dict[str, Dict[str, float]]:
    """Per seed, the metrics of each direction averaged over the two (the
    paper's "average of two sets"); then mean and std over seeds.

    Args:
        runs (list[dict]): ``set``, ``seed``, ``known``, ``unknown`` (and
            optionally ``fine_known``, ``train_s``) per run.

    Returns:
        dict: figure -> ``dict(mean, std, values)``; figures: known,
        unknown, D_abs, D_rel, HM, fine_known (when every run has it) and
        train_s; ``set<k>/<figure>`` for each direction too.
    """
    seeds = sorted({r['seed'] for r in runs})
    per_seed: Dict[str, List[float]] = {}
    keys = [(r['set'], r['seed']) for r in runs]
    if len(set(keys)) != len(keys):
        raise ValueError(f'runs repeat a (set, seed): {sorted(keys)}')
    for seed in seeds:
        directions = {r['set']: r for r in runs if r['seed'] == seed}
        if sorted(directions) != list(SETS):
            raise ValueError(f'seed {seed}: runs of sets '
                             f'{sorted(directions)}, need both {SETS}')
        figures: Dict[str, List[float]] = {}
        for set_id, run in directions.items():
            values = transfer_metrics(run['known'], run['unknown'])
            for key in ('fine_known', 'train_s'):
                if key in run:
                    values[key] = run[key]
            for key, value in values.items():
                figures.setdefault(key, []).append(value)
                per_seed.setdefault(f'set{set_id}/{key}', []).append(value)
        for key, values in figures.items():
            if len(values) == len(SETS):
                per_seed.setdefault(key, []).append(float(np.mean(values)))
    return {
        key:
        dict(
            mean=float(np.mean(values)),
            std=float(np.std(values)),
            values=values)
        for key, values in per_seed.items() if len(values) == len(seeds)
    }


def run_transferability(config: str,
                        work_dir: str,
                        seeds: Sequence[int] = (0, ),
                        cfg_options: Dict = None) -> Dict:
    """Both directions of ``config`` for every seed.

    Args:
        config (str): A config trained on set 1 (see the module docstring).
        work_dir (str): Runs go to ``work_dir/set<k>_seed<s>``.
        seeds (Sequence[int]): One run per direction and seed.
        cfg_options (dict, optional): Merged into the config.

    Returns:
        dict: ``runs`` (one row per direction and seed) and ``summary``
        (``summarise``).
    """
    runs = []
    for seed in seeds:
        for set_id in SETS:
            row = train_direction(
                config, set_id, seed,
                osp.join(work_dir, f'set{set_id}_seed{seed}'), cfg_options)
            runs.append(dict(set=set_id, seed=seed, **row))
    return dict(runs=runs, summary=summarise(runs))


def format_figure(summary: Dict,
                  key: str,
                  digits: int = 1,
                  unit: str = '') -> str:
    """``mean ± std`` of a ``summarise`` figure (the mean alone for one
    seed, ``-`` when absent)."""
    if key not in summary:
        return '-'
    figure = summary[key]
    text = f"{figure['mean']:.{digits}f}"
    if len(figure['values']) > 1:
        text += f" ± {figure['std']:.{digits}f}"
    return text + unit


def transfer_table(summaries: Dict[str, Dict], title: str):
    """A rich table, one row per method: coarse known (KC) and unknown
    (UC) accuracy, D_abs, D_rel, HM (averaged over the two directions,
    mean ± std over seeds), the HM of each training set (the paper's
    Table 5), fine known accuracy (FineMotion-K) and the training time of
    one run."""
    from rich.table import Table
    table = Table(
        title=title,
        caption='coarse top-1 in %, averaged over both directions (train '
        'set 1 / test set 2 and back); ± std (population) over seeds. '
        'FineMotion-U: n/a, a closed-set head never learns the other '
        'set\'s fine classes')
    # (label, figure, digits, unit)
    columns = (('known (KC)', 'known', 1, ''),
               ('unknown (UC)', 'unknown', 1, ''), ('D_abs', 'D_abs', 1, ''),
               ('D_rel %', 'D_rel', 1, ''), ('HM', 'HM', 1, ''),
               ('HM set 1', 'set1/HM', 1, ''), ('HM set 2', 'set2/HM', 1, ''),
               ('fine known', 'fine_known', 1, ''),
               ('train / run', 'train_s', 0, ' s'))
    table.add_column('method')
    for label, *_ in columns:
        table.add_column(label, justify='right')
    for name, summary in summaries.items():
        table.add_row(name, *[
            format_figure(summary, key, digits, unit)
            for _, key, digits, unit in columns
        ])
    return table
