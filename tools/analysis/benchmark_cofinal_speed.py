"""CoFInAl's head against the GDLT-style head on the same clip features,
measured in one run: inference latency (median of interleaved repetitions),
a training step (forward, every loss term, backward) and parameters. The
paper's Table 2: 3.88 ms against 3.22 ms (1.2x) and 3.70M against 3.20M.

    python tools/analysis/benchmark_cofinal_speed.py [--clips 68]
        [--batch 1] [--repeats 50] [--threads 1]

The heads are built from the RG configs (Video Swin-B features, D 1024);
the last line gives the latency ratio.
"""
import argparse
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import torch
from mmengine.registry import init_default_scope
from rich.console import Console
from rich.table import Table

from mmaction.registry import MODELS
from mmfine.utils import REPO_ROOT as ROOT
from mmfine.utils import interleaved_medians, load_config, quiet_library_output

HEADS = {
    'GDLT-style': 'configs/cofinal/gdlt_vst_1xb32-200e_rg-ball.py',
    'CoFInAl': 'configs/cofinal/cofinal_vst_1xb32-200e_rg-ball.py',
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument(
        '--clips', type=int, default=68, help='clips per video (RG: 68)')
    parser.add_argument('--batch', type=int, default=1)
    parser.add_argument('--repeats', type=int, default=50)
    parser.add_argument(
        '--threads',
        type=int,
        default=1,
        help='torch threads (the paper timed one video at a time)')
    return parser.parse_args()


def main():
    args = parse_args()
    quiet_library_output()
    torch.set_num_threads(args.threads)
    init_default_scope('mmaction')
    torch.manual_seed(0)
    heads = {
        name: MODELS.build(load_config(osp.join(ROOT, cfg)).model.head)
        for name, cfg in HEADS.items()
    }
    channels = heads['CoFInAl'].input_norm.num_features
    clips = torch.randn(args.batch, args.clips, channels)
    mask = torch.ones(args.batch, args.clips, dtype=torch.bool)

    def infer(head):
        head.eval()

        @torch.no_grad()
        def run():
            head.predict(clips, mask)

        return run

    def train_step(head):
        batch = torch.randn(max(args.batch, 2), args.clips, channels)
        batch_mask = torch.ones(batch.shape[:2], dtype=torch.bool)
        batch_target = torch.rand(batch.shape[0])

        def run():
            head.train()
            loss = sum(head.loss(batch, batch_mask, batch_target).values())
            loss.backward()
            head.zero_grad()

        return run

    latency = interleaved_medians(
        {
            name: infer(head)
            for name, head in heads.items()
        }, args.repeats)
    training = interleaved_medians(
        {
            name: train_step(head)
            for name, head in heads.items()
        }, max(args.repeats // 5, 3))
    params = {
        name: sum(p.numel() for p in head.parameters())
        for name, head in heads.items()
    }
    table = Table(title=f'Scoring heads on {args.batch} x {args.clips} clip '
                  f'features of dimension {channels}, {args.threads} '
                  'thread(s)')
    for column in ('head', 'inference (ms)', 'train step (ms)',
                   'parameters (M)'):
        table.add_column(
            column, justify='left' if column == 'head' else 'right')
    for name in heads:
        table.add_row(name, f'{latency[name] * 1e3:.2f}',
                      f'{training[name] * 1e3:.2f}',
                      f'{params[name] / 1e6:.2f}')
    console = Console(width=120)
    console.print(table)
    base, ours = 'GDLT-style', 'CoFInAl'
    console.print(f'CoFInAl / GDLT-style: parameters '
                  f'{params[ours] / params[base]:.2f}x, train step '
                  f'{training[ours] / training[base]:.2f}x, inference latency '
                  f'{latency[ours] / latency[base]:.2f}x')


if __name__ == '__main__':
    main()
