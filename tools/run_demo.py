"""The main job on the embedded data: ST-GCN, ST-GCN on linearly
interpolated input, and FineTec under temporal corruption, on CPU, with one
results table.

Generates the synthetic fine-grained skeleton dataset (COCO-17) and the
skeleton bank when missing, pre-trains FineTec's sequence completion, trains
the three recognizers once each with 25%, 50% or 75% of each sample's frames
dropped, tests them at each level on the same corrupted samples (dropped
once per sample, so the ten test clips of a sample together see only its
kept frames), measures the restoration error of the completion against
linear interpolation and the completion's prior, and prints one table.
Writes to the work directory: accuracy against corruption level, a
corrupted / restored / ground-truth sequence (the test clip of median
completion error) and a confusion matrix per method and level.

    python tools/run_demo.py [--work-dir work_dirs/demo] [--epochs N]
"""
import argparse
import os
import os.path as osp
import pickle

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
import torch

from mmfine.apis import corruption_study, evaluate_restorers
from mmfine.datasets.synthetic_fine_skeleton import CLASS_NAMES, make_dataset
from mmfine.structures import LEVELS
from mmfine.utils import REPO_ROOT as ROOT
from mmfine.utils import atomic_write_bytes, load_config

DATA = osp.join(ROOT, 'data', 'fine_skeleton', 'fine_skeleton_coco17.pkl')
COMPLETION = ('configs/demo/completion_mlp_1xb64-600i_fine-skeleton-'
              'coco17-2d.py')
METHODS = [
    ('ST-GCN', 'configs/demo/stgcn_1xb32-10e_fine-skeleton-coco17-2d-'
     'corrupted.py'),
    ('ST-GCN+interp', 'configs/demo/stgcn-interp_1xb32-10e_fine-skeleton-'
     'coco17-2d-corrupted.py'),
    ('FineTec', 'configs/demo/finetec_stgcn_1xb32-10e_fine-skeleton-coco17-'
     '2d-corrupted.py'),
]
RESTORERS = [('completion', 'completion'),
             ('linear_interpolation', 'interpolation'),
             ('completion_no_prompt', 'no prompt')]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--work-dir', default=osp.join(ROOT, 'work_dirs', 'demo'))
    parser.add_argument(
        '--epochs', type=int, help='override the recognition configs\' epochs')
    parser.add_argument(
        '--seeds',
        type=int,
        nargs='+',
        default=[0],
        help='train each recognizer once per seed; the '
        'table gives mean and spread (std) over them')
    return parser.parse_args()


def ensure_completion() -> str:
    """The embedded dataset (rewritten when the generator's output
    changed, which makes the bank and completion rebuild); the pre-trained
    completion."""
    data = pickle.dumps(make_dataset(), protocol=4)
    if not osp.exists(DATA) or open(DATA, 'rb').read() != data:
        print(f'generating the embedded dataset: {osp.relpath(DATA, ROOT)}')
        atomic_write_bytes(data, DATA)
    return corruption_study.ensure_completion(
        COMPLETION,
        osp.join(ROOT, 'work_dirs',
                 osp.splitext(osp.basename(COMPLETION))[0]))


def restoration(checkpoint: str, work_dir: str) -> dict:
    """MPJPE of each restorer at each level on the test split."""
    results = evaluate_restorers(
        osp.join(ROOT, COMPLETION), checkpoint, [r for r, _ in RESTORERS],
        list(LEVELS), osp.join(work_dir, 'restoration'))
    return {key: m['restore/MPJPE'] for key, m in results.items()}


def train_and_test(name: str,
                   config: str,
                   work_dir: str,
                   seeds,
                   epochs=None) -> list:
    """One result of ``corruption_study.train_and_test`` per seed."""
    results = []
    for seed in seeds:

        def schedule(cfg):
            if epochs:
                cfg.train_cfg.max_epochs = epochs
            cfg.randomness = dict(seed=seed)
            return cfg

        slug = name.lower().replace('-', '').replace('+', '_')
        if len(seeds) > 1:
            slug = osp.join(slug, f'seed{seed}')
        results.append(
            corruption_study.train_and_test(
                config,
                osp.join(work_dir, slug),
                list(LEVELS),
                customize=schedule))
    return results


def restoration_example(checkpoint: str, work_dir: str) -> str:
    """Figure of the severely corrupted test clip of median completion
    error: corrupted, completion, interpolation, ground truth."""
    from mmengine.registry import init_default_scope

    from mmaction.registry import DATASETS, MODELS
    from mmfine.structures import get_layout
    from mmfine.visualization import restoration_figure
    init_default_scope('mmaction')
    cfg = load_config(osp.join(ROOT, COMPLETION))
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


def report(rows: dict, restore: dict, work_dir: str, seeds) -> None:
    from rich.console import Console
    from rich.table import Table

    from mmfine.visualization import accuracy_curve_figure
    table = Table(title='Fine-grained skeletons under temporal corruption '
                  f'(synthetic COCO-17, {len(CLASS_NAMES)} classes, test '
                  'split; frames dropped once per sample)')
    table.add_column('level')
    table.add_column('dropped', justify='right')
    for name in rows:
        table.add_column(f'{name} top-1', justify='right')
    for restorer, label in RESTORERS:
        table.add_column(f'MPJPE {label}', justify='right')

    def top1(runs, level):
        return np.array([run[level][0] for run in runs])

    for level, ratio in LEVELS.items():
        cells = [level, f'{ratio:.0%}']
        for name, runs in rows.items():
            acc = top1(runs, level)
            cells.append(f'{acc.mean():.3f}' +
                         (f' ± {acc.std():.3f}' if len(acc) > 1 else ''))
        cells += [f'{restore[r, level]:.4f}' for r, _ in RESTORERS]
        table.add_row(*cells)
    Console(width=200).print(table)
    if len(seeds) > 1:
        print(f"top-1: mean ± std over seeds {', '.join(map(str, seeds))}")
    print('train time per run: ' +
          ', '.join(f"{n} {np.mean([r['train_s'] for r in runs]):.0f} s"
                    for n, runs in rows.items()))
    curve = accuracy_curve_figure(
        list(LEVELS.values()), {
            n: [top1(runs, level).mean() for level in LEVELS]
            for n, runs in rows.items()
        })
    path = osp.join(work_dir, 'accuracy_vs_corruption.png')
    curve.savefig(path)
    print(f'accuracy against corruption: {path}')


def main():
    args = parse_args()
    os.chdir(ROOT)  # configs name their data relative to the repository
    os.makedirs(args.work_dir, exist_ok=True)
    checkpoint = ensure_completion()
    rows = {
        name: train_and_test(name, config, args.work_dir, args.seeds,
                             args.epochs)
        for name, config in METHODS
    }
    restore = restoration(checkpoint, args.work_dir)
    report(rows, restore, args.work_dir, args.seeds)
    print('restoration example: '
          f'{restoration_example(checkpoint, args.work_dir)}')
    print(f'confusion matrices: {args.work_dir}/*/confusion_matrix_*.png')


if __name__ == '__main__':
    main()
