"""SeFAR's costs against their baselines, measured in one run.

(a) teacher: the ``U`` stochastic teacher predictions (backbone once, head
    ``U`` times, Adaptive Regulation) against one plain teacher forward,
    and, for reference, the authors' way (``U`` full forwards);
(b) data: ``DualLevelSampleFrames`` + ``DecordDecode`` against MMAction2's
    ``SampleFrames`` + ``DecordDecode`` drawing the same number of frames,
    on the real videos of ``$MMFINE_SHARED_DATA/videos`` (or ``--videos``);
(c) training: one SeFAR iteration (labelled : unlabelled = 1 : 3, teacher,
    ``L_un`` and ``L_mix``) against one supervised iteration of the same
    batch size.

Timings are medians of interleaved repetitions; the last line gives the
three ratios (targets: (a) <= 1.2x, (b) >= 0.95x, (c) <= 2.1x, whose
arithmetic floor with a no-grad teacher is about 2.0x: the student runs
forward and backward on 1 labelled + 2 x 3 unlabelled clips where the
supervised step has 4, and the teacher forward on 3).

    python tools/analysis/benchmark_sefar_speed.py [--config CONFIG]
        [--batch 4] [--img-size 224] [--repeats 5] [--decode-repeats 20]
"""
import argparse
import glob
import os
import os.path as osp

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
import torch
from mmengine.dataset import Compose
from mmengine.logging import MessageHub
from mmengine.registry import init_default_scope
from rich.console import Console
from rich.table import Table

from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmfine.utils import REPO_ROOT as ROOT
from mmfine.utils import (interleaved_medians, load_config,
                          quiet_library_output, shared_data_dir)

DEFAULT = 'configs/sefar/sefar-s_vit-s_8xb8-30e_gym99-10pct.py'


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--config', default=osp.join(ROOT, DEFAULT))
    parser.add_argument(
        '--batch',
        type=int,
        default=4,
        help='clips per iteration (a quarter labelled)')
    parser.add_argument('--img-size', type=int, default=224)
    parser.add_argument('--repeats', type=int, default=5)
    parser.add_argument(
        '--decode-repeats',
        type=int,
        default=20,
        help='clips decoded per video and sampler')
    parser.add_argument(
        '--videos', default=osp.join(shared_data_dir(), 'videos'))
    parser.add_argument(
        '--threads', type=int, help="torch threads (default: torch's choice)")
    return parser.parse_args()


def build_model(config: str, img_size: int):
    cfg = load_config(config)
    cfg.model.backbone.img_size = img_size
    cfg.model.backbone.pretrained = None
    return MODELS.build(cfg.model)


def teacher_costs(model, clips: torch.Tensor, times: int) -> dict:
    num = model.num_teacher_predictions
    weak = clips[:, None]

    @torch.no_grad()
    def one_forward():
        model.teacher_logits(weak)

    @torch.no_grad()
    def authors():  # every forward stochastic, backbone included
        model.teacher_logits(weak, num, whole_model=True)

    @torch.no_grad()
    def ours():
        model.teacher_pseudo_labels(weak)

    return interleaved_medians(
        dict(one=one_forward, ours=ours, authors=authors), times)


def training_costs(model, batch: int, labelled: int, img_size: int,
                   times: int) -> dict:
    k = sum(model.backbone.elements)

    def clips(n):
        return torch.randn(n, 1, 3, k, img_size, img_size)

    def samples(n):
        return [ActionDataSample().set_gt_label(i % 2) for i in range(n)]

    supervised_inputs, supervised_samples = clips(batch), samples(batch)
    semi_inputs = dict(
        labeled=clips(labelled),
        weak=clips(batch - labelled),
        strong=clips(batch - labelled))
    semi_samples = dict(
        labeled=samples(labelled), unlabeled=samples(batch - labelled))
    hub = MessageHub.get_current_instance()
    hub.update_info('max_epochs', model.warmup_epochs + 10)
    optim = torch.optim.SGD(model.parameters(), lr=1e-6)

    def step(inputs, data_samples):
        # a plain batch is the warm-up's supervised step: its epoch;
        # after it the teacher and the unlabelled losses are on
        semi = isinstance(inputs, dict)
        hub.update_info('epoch', model.warmup_epochs if semi else 0)
        model.train()
        losses = model(inputs, data_samples, mode='loss')
        sum(v for k, v in losses.items() if k.startswith('loss')).backward()
        optim.step()
        optim.zero_grad()

    return interleaved_medians(
        dict(
            supervised=lambda: step(supervised_inputs, supervised_samples),
            sefar=lambda: step(semi_inputs, semi_samples)), times)


def decode_costs(videos: list, elements: list, repeats: int) -> dict:
    k = sum(elements)
    pipelines = dict(
        baseline=Compose([
            dict(
                type='SampleFrames', clip_len=1, frame_interval=1,
                num_clips=k),
            dict(type='DecordDecode')
        ]),
        dual=Compose([
            dict(type='DualLevelSampleFrames', elements=elements),
            dict(type='DecordDecode')
        ]))
    init = Compose([dict(type='DecordInit')])
    opened = [
        init(dict(filename=v, start_index=0, modality='RGB')) for v in videos
    ]
    totals = {name: 0.0 for name in pipelines}
    for video in opened:

        def run(name, video=video):
            for _ in range(repeats):
                out = pipelines[name](dict(video))
                assert len(out['imgs']) == k

        runs = {n: (lambda n=n: run(n)) for n in pipelines}
        for name, seconds in interleaved_medians(runs, 3).items():
            totals[name] += seconds
    clips = repeats * len(opened)
    return {name: clips / t for name, t in totals.items()}  # clips / s


def main():
    args = parse_args()
    quiet_library_output()
    if args.threads:
        torch.set_num_threads(args.threads)
    os.chdir(ROOT)
    init_default_scope('mmaction')
    torch.manual_seed(0)
    np.random.seed(0)
    model = build_model(args.config, args.img_size)
    k = sum(model.backbone.elements)
    labelled = max(args.batch // 4, 1)  # 1 : 3
    weak = torch.randn(args.batch - labelled, 3, k, args.img_size,
                       args.img_size)
    console = Console(width=120)
    with console.status('(a) teacher predictions'):
        teacher = teacher_costs(model, weak, args.repeats)
    with console.status('(c) training iterations'):
        train = training_costs(model, args.batch, labelled, args.img_size,
                               args.repeats)
    videos = sorted(
        v for v in glob.glob(osp.join(args.videos, '*'))
        if v.endswith(('.mp4', '.avi')))
    if not videos:
        raise FileNotFoundError(f'no .mp4/.avi videos in {args.videos} '
                                '(set --videos or MMFINE_SHARED_DATA)')
    with console.status(f'(b) decoding {len(videos)} videos'):
        decode = decode_costs(videos, model.backbone.elements,
                              args.decode_repeats)
    ratios = dict(
        a=teacher['ours'] / teacher['one'],
        b=decode['dual'] / decode['baseline'],
        c=train['sefar'] / train['supervised'])
    table = Table(title=f'SeFAR costs ({osp.basename(args.config)}, '
                  f'{k} frames at {args.img_size}px, batch {args.batch}, '
                  f'median of {args.repeats})')
    for column in ('measure', 'SeFAR', 'baseline', 'ratio'):
        table.add_column(
            column, justify='left' if column == 'measure' else 'right')
    table.add_row(
        f'(a) teacher, U={model.num_teacher_predictions} '
        f'(ours) vs 1 forward, {len(weak)} clips',
        f"{teacher['ours'] * 1e3:.0f} ms", f"{teacher['one'] * 1e3:.0f} ms",
        f"{ratios['a']:.2f}x")
    table.add_row("    authors' U full forwards vs 1 forward",
                  f"{teacher['authors'] * 1e3:.0f} ms",
                  f"{teacher['one'] * 1e3:.0f} ms",
                  f"{teacher['authors'] / teacher['one']:.2f}x")
    table.add_row(f'(b) sample + decode {k} frames, {len(videos)} videos',
                  f"{decode['dual']:.1f} clips/s",
                  f"{decode['baseline']:.1f} clips/s", f"{ratios['b']:.2f}x")
    table.add_row('(c) training iteration vs supervised',
                  f"{train['sefar'] * 1e3:.0f} ms",
                  f"{train['supervised'] * 1e3:.0f} ms", f"{ratios['c']:.2f}x")
    console.print(table)
    print(f"ratios: (a) teacher U={model.num_teacher_predictions} / one "
          f"forward {ratios['a']:.2f}x (target <= 1.2x); (b) dual-level / "
          f"SampleFrames decode throughput {ratios['b']:.2f}x (target >= "
          f"0.95x); (c) SeFAR / supervised step {ratios['c']:.2f}x (target "
          f'<= 2.1x)')


if __name__ == '__main__':
    main()
