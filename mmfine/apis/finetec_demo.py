"""FineTec's demo on the embedded data: ST-GCN, ST-GCN on linearly
interpolated input and FineTec under temporal corruption.

Generates the synthetic fine-grained skeleton dataset (COCO-17) and the
skeleton bank when missing or stale, pre-trains FineTec's sequence
completion, trains the three recognizers once per seed with 25%, 50% or 75%
of each sample's frames dropped, tests them at each level on the same
corrupted samples (dropped once per sample, so the ten test clips of a
sample together see only its kept frames), measures the restoration error
of the completion against linear interpolation, the completion without
prompts and the completion pre-trained with the paper's bank-average prior,
and writes accuracy against corruption, a corrupted / restored /
ground-truth sequence (the test clip of median completion error) and a
confusion matrix per method and level.

``variant='flick'`` runs the same on the sixteen-class variant, whose four
extra classes differ from their twins only by a short, fast forearm flick
(30 epochs; see the README for what it shows).
"""
import os
import os.path as osp
import pickle
from typing import Dict, List, Optional, Sequence

import numpy as np
import torch

from mmfine.datasets.synthetic_fine_skeleton import (CLASSES, FLICK_CLASSES,
                                                     make_dataset)
from mmfine.structures import LEVELS
from mmfine.utils import REPO_ROOT, atomic_write_bytes, load_config
from . import corruption_study
from .demo_result import DemoResult
from .restoration_benchmark import evaluate_restorers

#: variant: (flick classes, training epochs); the files follow one pattern
VARIANTS = {'base': (False, 10), 'flick': (True, 30)}
METHODS = [('ST-GCN', 'stgcn'), ('ST-GCN+interp', 'stgcn-interp'),
           ('FineTec', 'finetec_stgcn')]


def variant_files(variant: str) -> Dict:
    """The data file, completion config and ``(name, config)`` of each
    method of a variant of the embedded data."""
    flick, epochs = VARIANTS[variant]
    tag = '-flick' if flick else ''
    data = f'fine-skeleton{tag}-coco17-2d'
    return dict(
        data='data/fine_skeleton/fine_skeleton'
        f"{tag.replace('-', '_')}_coco17.pkl",
        completion=f'configs/demo/completion_mlp_1xb64-600i_{data}.py',
        methods=[(name, f'configs/demo/{prefix}_1xb32-{epochs}e_{data}-'
                  'corrupted.py') for name, prefix in METHODS])


RESTORERS = [('completion', 'completion'),
             ('linear_interpolation', 'interpolation'),
             ('completion_no_prompt', 'prompt removed at test')]
#: the restoration table's column of the completion pre-trained with the
#: paper's S_prior (the bank average) instead of the interpolation prior
BANK_MEAN = ('completion_bank_mean', 'bank-mean prior')


def ensure_data(variant: str) -> None:
    """Write the variant's dataset when missing or when the generator's
    output changed (which makes the bank and completion rebuild)."""
    relpath = variant_files(variant)['data']
    path = osp.join(REPO_ROOT, relpath)
    data = pickle.dumps(make_dataset(flick=VARIANTS[variant][0]), protocol=4)
    if not osp.exists(path) or open(path, 'rb').read() != data:
        print(f'generating the embedded dataset: {relpath}')
        atomic_write_bytes(data, path)


def ensure_completion(variant: str, prior: Optional[str] = None) -> str:
    """The pre-trained completion's checkpoint of the variant (written data
    assumed, ``ensure_data``), with the config's prior or ``prior`` (the
    paper's ``'bank_mean'`` for the restoration table)."""
    config = variant_files(variant)['completion']
    name = osp.splitext(osp.basename(config))[0]

    def with_prior(cfg):
        cfg.model.completion.prior = prior
        return cfg

    if prior is not None:
        name += f'_{prior}-prior'
    return corruption_study.ensure_completion(
        config, osp.join(REPO_ROOT, 'work_dirs', name),
        with_prior if prior is not None else None)


def schedule(seed: int, epochs: Optional[int] = None):
    """A ``customize`` setting the seed and, if given, the epochs (and the
    cosine schedule's length)."""

    def customize(cfg):
        cfg.randomness = dict(seed=seed)
        if epochs:
            cfg.train_cfg.max_epochs = epochs
            for scheduler in cfg.param_scheduler:
                if scheduler.type == 'CosineAnnealingLR':
                    scheduler.T_max = epochs
        return cfg

    return customize


def train_and_test(name: str,
                   config: str,
                   work_dir: str,
                   seeds: Sequence,
                   epochs: Optional[int] = None) -> List[Dict]:
    """One result of ``corruption_study.train_and_test`` per seed."""
    results = []
    for seed in seeds:
        slug = name.lower().replace('-', '').replace('+', '_')
        if len(seeds) > 1:
            slug = osp.join(slug, f'seed{seed}')
        results.append(
            corruption_study.train_and_test(
                config,
                osp.join(work_dir, slug),
                list(LEVELS),
                customize=schedule(seed, epochs)))
    return results


def restoration_example(config: str, checkpoint: str, work_dir: str) -> str:
    """Figure of the severely corrupted test clip of median completion
    error: corrupted, completion, interpolation, ground truth."""
    from mmengine.registry import init_default_scope

    from mmaction.registry import DATASETS, MODELS
    from mmfine.structures import get_layout
    from mmfine.visualization import restoration_figure
    init_default_scope('mmaction')
    cfg = load_config(osp.join(REPO_ROOT, config))
    cfg.model.test_drop_ratio = 'severe'
    dataset = DATASETS.build(cfg.test_dataloader.dataset)
    outputs = {}
    for restorer in ('completion', 'linear_interpolation'):
        model = MODELS.build(dict(cfg.model, restorer=restorer))
        model.load_state_dict(
            torch.load(checkpoint, map_location='cpu')['state_dict'])
        model.eval()
        samples = []
        for i in range(len(dataset)):
            item = dataset[i]
            batch = model.data_preprocessor(
                dict(
                    inputs=[item['inputs']],
                    data_samples=[item['data_samples']]))
            samples += model(**batch, mode='predict')
        outputs[restorer] = samples
    errors = [
        float((s.pred_skeleton - s.gt_skeleton).norm(dim=-1).mean())
        for s in outputs['completion']
    ]
    index = int(np.argsort(errors)[len(errors) // 2])  # the median sample
    sample = outputs['completion'][index]
    keep = sample.frame_mask[0].numpy()
    truth = sample.gt_skeleton[0].numpy()
    interp = outputs['linear_interpolation'][index].pred_skeleton[0].numpy()
    fig = restoration_figure(
        {
            'corrupted': truth * keep[:, None, None],
            'completion': sample.pred_skeleton[0].numpy(),
            'interpolation': interp,
            'ground truth': truth
        },
        keep,
        get_layout('coco17').inward,
        title=f"{sample.metainfo['frame_dir']} (median completion error): "
        f'{1 - keep.mean():.0%} of the frames dropped')
    path = osp.join(work_dir, 'restoration_example.png')
    fig.savefig(path)
    return path


def run_finetec_demo(work_dir: str,
                     seeds: Sequence[int] = (0, ),
                     epochs: Optional[int] = None,
                     variant: str = 'base') -> DemoResult:
    """Run the demo (see the module docstring).

    Args:
        work_dir (str): Where runs, plots and confusion matrices go.
        seeds (Sequence[int]): Train each recognizer once per seed; the
            table gives mean ± std over them. Defaults to ``(0, )``.
        epochs (int, optional): Override the configs' epochs (with
            the cosine schedule's length). Defaults to None.
        variant (str): ``'base'`` (12 classes) or ``'flick'`` (16).
            Defaults to ``'base'``.

    Returns:
        DemoResult: The table; headline: top-1 of each method at 75%
        dropped and the completion's MPJPE against interpolation's there;
        the plots.
    """
    from rich.table import Table

    from mmfine.visualization import accuracy_curve_figure
    if variant not in VARIANTS:
        raise ValueError(f'variant must be one of {list(VARIANTS)}, got '
                         f'{variant!r}')
    spec = variant_files(variant)
    os.makedirs(work_dir, exist_ok=True)
    ensure_data(variant)
    checkpoint = ensure_completion(variant)
    rows = {
        name: train_and_test(name, config, work_dir, seeds, epochs)
        for name, config in spec['methods']
    }
    completion_config = osp.join(REPO_ROOT, spec['completion'])
    restore = {
        key: m['restore/MPJPE']
        for key, m in evaluate_restorers(
            completion_config, checkpoint, [r for r, _ in RESTORERS],
            list(LEVELS), osp.join(work_dir, 'restoration')).items()
    }
    bank_mean = evaluate_restorers(
        completion_config, ensure_completion(variant, 'bank_mean'),
        ['completion'], list(LEVELS), osp.join(work_dir, 'restoration'),
        {'model.completion.prior': 'bank_mean'})
    restore.update({(BANK_MEAN[0], level): m['restore/MPJPE']
                    for (_, level), m in bank_mean.items()})
    columns = RESTORERS + [BANK_MEAN]

    def top1(runs, level):
        return np.array([run[level][0] for run in runs])

    def cell(acc):
        return f'{acc.mean():.3f}' + (f' ± {acc.std():.3f}'
                                      if len(acc) > 1 else '')

    classes = len(FLICK_CLASSES if VARIANTS[variant][0] else CLASSES)
    table = Table(
        title='Fine-grained skeletons under temporal corruption '
        f'(synthetic COCO-17, {classes} classes, test split; '
        'frames dropped once per sample; top-1 ' +
        ('mean ± std over seeds ' + ', '.join(map(str, seeds)) if len(seeds) >
         1 else f'seed {seeds[0]}') + ')')
    table.add_column('level')
    table.add_column('dropped', justify='right')
    for name in rows:
        table.add_column(f'{name} top-1', justify='right')
    for _, label in columns:
        table.add_column(f'MPJPE {label}', justify='right')
    for level, ratio in LEVELS.items():
        table.add_row(level, f'{ratio:.0%}',
                      *[cell(top1(runs, level)) for runs in rows.values()],
                      *[f'{restore[r, level]:.4f}' for r, _ in columns])
    table.caption = 'train time per run: ' + ', '.join(
        f"{n} {np.mean([r['train_s'] for r in runs]):.0f} s"
        for n, runs in rows.items())
    curve = accuracy_curve_figure(
        list(LEVELS.values()), {
            n: [top1(runs, level).mean() for level in LEVELS]
            for n, runs in rows.items()
        })
    curve_path = osp.join(work_dir, 'accuracy_vs_corruption.png')
    curve.savefig(curve_path)
    example = restoration_example(spec['completion'], checkpoint, work_dir)
    headline = {
        f'{name} top-1 at 75% dropped': cell(top1(runs, 'severe'))
        for name, runs in rows.items()
    }
    headline['MPJPE at 75%: completion / interpolation'] = (
        f"{restore['completion', 'severe']:.4f} / "
        f"{restore['linear_interpolation', 'severe']:.4f}")
    return DemoResult('FineTec', table, headline, [
        curve_path, example,
        osp.join(work_dir, '*', 'confusion_matrix_*.png')
    ])
