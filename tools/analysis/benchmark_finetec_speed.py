"""Parameters, training-step and inference time of FineTec relative to
ST-GCN on the same corrupted input, measured in one run.

Builds the two models of a FineTec config and its ST-GCN baseline config
(same GCN, same data), feeds both the same random batch of corrupted clips
(with their frame masks), and times interleaved repetitions; the table's
last line is FineTec's inference time over ST-GCN's (the paper's FineTec
took 1.64x ST-GCN's inference time).

    python tools/analysis/benchmark_finetec_speed.py
        [--finetec CONFIG] [--baseline CONFIG] [--batch 16] [--repeats 20]
"""
import argparse

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
import torch
from mmengine.registry import init_default_scope
from rich.console import Console
from rich.table import Table

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmfine.structures import random_drop_mask
from mmfine.utils import (interleaved_medians, load_config,
                          quiet_library_output, split_datasets)

DEFAULT = 'configs/finetec/{}_4xb16-150e_gym99-2d-moderate.py'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--finetec', default=DEFAULT.format('finetec_stgcn'))
    parser.add_argument('--baseline', default=DEFAULT.format('stgcn'))
    parser.add_argument('--batch', type=int, default=16)
    parser.add_argument('--drop-ratio', type=float, default=0.5)
    parser.add_argument('--repeats', type=int, default=20)
    parser.add_argument(
        '--threads', type=int, help='torch threads (default: torch\'s choice)')
    return parser.parse_args()


def build(config: str):
    cfg = load_config(config)
    model_cfg = cfg.model
    if 'completion_checkpoint' in model_cfg:
        model_cfg.completion_checkpoint = None  # timing needs no weights
    model = MODELS.build(model_cfg)
    if getattr(model, 'completion', None) is not None:
        completion = model.completion  # a full-size bank, as after training
        completion.set_bank(
            torch.randn(4096, completion.window, completion.num_joints,
                        completion.coord_dims) * 0.3, torch.arange(4096))
    return model, cfg


def make_batch(cfg, batch: int, ratio: float):
    pipeline = dict(split_datasets(cfg))['train']
    clip_len = next(t.clip_len for t in pipeline.pipeline
                    if t.type == 'UniformSampleFrames')
    persons = next((t.get('num_person', 2)
                    for t in pipeline.pipeline if t.type == 'FormatGCNInput'),
                   1)
    from mmfine.structures import get_layout
    joints = get_layout(pipeline.layout).num_joints
    rng = np.random.default_rng(0)
    masks = np.stack([
        random_drop_mask(clip_len, ratio, rng) for _ in range(batch)
    ]).astype(np.float32)
    inputs = torch.randn(batch, 1, persons, clip_len, joints, 3) * 0.3
    inputs *= torch.as_tensor(masks)[:, None, None, :, None, None]
    samples = []
    for i in range(batch):
        sample = ActionDataSample().set_gt_label(i % 10)
        sample.set_field(masks[i:i + 1], 'frame_mask')
        # a training step excludes the sample's own bank windows by name
        sample.set_metainfo(dict(frame_dir=f'clip{i}'))
        samples.append(sample)
    return inputs, samples


def inference_shares(model, inputs, samples, repeats: int) -> dict:
    """Share of FineTec's inference time spent in each top-level module
    (median over ``repeats``), measured with forward hooks."""
    import time
    spent, start = {}, {}
    modules = {
        name: child
        for name, child in model.named_children()
        if name != 'data_preprocessor'
    }
    for name, child in modules.items():
        child.register_forward_pre_hook(
            lambda m, a, n=name: start.__setitem__(n, time.perf_counter()))
        child.register_forward_hook(lambda m, a, o, n=name: spent.setdefault(
            n, []).append(time.perf_counter() - start[n]))
    model.eval()
    total = []
    with torch.no_grad():
        for _ in range(repeats):
            begin = time.perf_counter()
            model(inputs, samples, mode='predict')
            total.append(time.perf_counter() - begin)
    whole = float(np.median(total))
    shares = {n: float(np.median(t)) / whole for n, t in spent.items()}
    shares['rest'] = 1 - sum(shares.values())
    return shares


def main():
    args = parse_args()
    quiet_library_output()
    if args.threads:
        torch.set_num_threads(args.threads)
    init_default_scope('mmaction')
    torch.manual_seed(0)
    models = {}
    for name, config in (('ST-GCN', args.baseline), ('FineTec', args.finetec)):
        models[name] = build(config)
    inputs, samples = make_batch(models['FineTec'][1], args.batch,
                                 args.drop_ratio)
    params = {
        name: sum(p.numel() for p in m.parameters())
        for name, (m, _) in models.items()
    }
    optims = {
        name: torch.optim.SGD(m.parameters(), lr=1e-3)
        for name, (m, _) in models.items()
    }

    def train_step(name):
        model = models[name][0].train()
        losses = model(inputs, samples, mode='loss')
        sum(v for k, v in losses.items() if 'loss' in k).backward()
        optims[name].step()
        optims[name].zero_grad()

    def infer(name):
        model = models[name][0].eval()
        with torch.no_grad():
            model(inputs, samples, mode='predict')

    timed = interleaved_medians(
        {
            (name, kind): (lambda n=name, f=fn: f(n))
            for name in models
            for kind, fn in (('train', train_step), ('infer', infer))
        }, args.repeats)
    med = {
        name: {
            kind: timed[name, kind]
            for kind in ('train', 'infer')
        }
        for name in models
    }
    table = Table(title=f'FineTec vs ST-GCN, batch {args.batch}, '
                  f'{inputs.shape[3]} frames, median of {args.repeats}')
    for column in ('model', 'params', 'train step', 'inference'):
        table.add_column(
            column, justify='left' if column == 'model' else 'right')
    for name in models:
        table.add_row(name, f"{params[name] / 1e6:.2f} M",
                      f"{med[name]['train'] * 1e3:.1f} ms",
                      f"{med[name]['infer'] * 1e3:.1f} ms")
    ratio = {
        k: med['FineTec'][k] / med['ST-GCN'][k]
        for k in ('train', 'infer')
    }
    table.add_row('ratio', f"{params['FineTec'] / params['ST-GCN']:.2f}x",
                  f"{ratio['train']:.2f}x", f"{ratio['infer']:.2f}x")
    Console().print(table)
    print('where FineTec inference time goes: ' +
          ', '.join(f'{name} {share:.0%}' for name, share in inference_shares(
              models['FineTec'][0], inputs, samples, args.repeats).items()))
    print(f"FineTec / ST-GCN inference time: {ratio['infer']:.2f}x "
          '(paper: 1.64x; target <= 1.25x)')


if __name__ == '__main__':
    main()
