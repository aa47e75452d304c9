"""``extract_skeletons.py --restore`` against linear interpolation on real
video, leave one video out.

    python tools/analysis/benchmark_restore_real.py [--iters 1000 5000]
        [--test-videos tests_data_test.avi demo_demo.mp4] [--seeds 0 1 2]
        [--ratio 0.3] [--mean-burst 6] [--work-dir DIR]

MediaPipe COCO-17 poses are extracted from the videos in
``../shared/data/videos`` (``$MMFINE_SHARED_DATA``; resumable), and the
HRNet UCF101 sample of ``format_fixtures`` adds its two people. For each
test video the completion
(``configs/finetec/completion_mlp_1xb64-1k_video-poses-coco17-2d.py``) is
pre-trained on all the others for each ``--iters``, then
``restore_detections``' protocol runs on the test video: detected frames
blanked in bursts, both restorers scored on the same frames and on joints
detected with a score of at least 0.5. As a reference, local polynomial
fits through 2-4 detections on each side of a gap (``local_polynomial``,
degrees 1-3) restore the same frames; the table gives the best of them per
video, picked on the video's own errors, so it is an optimistic bound on
what smoothness alone gets beyond linear interpolation. The last line is
the pooled completion / interpolation error ratio per ``--iters``.
"""
import argparse
import os
import os.path as osp
import shutil
from functools import partial

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import numpy as np
from mmengine.runner import Runner
from rich.console import Console
from rich.table import Table

from mmfine.apis import skeleton_extraction as se
from mmfine.apis.corruption_study import short_pretraining
from mmfine.apis.skeleton_restoration import (load_completion, pooled_errors,
                                              restoration_errors)
from mmfine.datasets.skeleton_bank import build_skeleton_bank_from_config
from mmfine.datasets.transforms.detected_window import longest_detected_run
from mmfine.structures.frame_restoration import (linear_interpolation,
                                                 local_polynomial)
from mmfine.utils import (dump_pickle_atomic, load_config, quiet,
                          quiet_library_output, safe_load_pickle,
                          shared_data_dir)

CONFIG = 'configs/finetec/completion_mlp_1xb64-1k_video-poses-coco17-2d.py'
#: (detections on each side, degree) of the reference fits
POLYNOMIAL_FITS = ((2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3), (4, 2),
                   (4, 3))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--iters', type=int, nargs='+', default=[1000, 5000])
    parser.add_argument(
        '--test-videos',
        nargs='+',
        default=['tests_data_test.avi', 'demo_demo.mp4'])
    parser.add_argument('--seeds', type=int, nargs='+', default=[0, 1, 2])
    parser.add_argument('--ratio', type=float, default=0.3)
    parser.add_argument('--mean-burst', type=float, default=6.0)
    parser.add_argument('--min-score', type=float, default=0.5)
    parser.add_argument(
        '--work-dir', default='work_dirs/benchmark_restore_real')
    return parser.parse_args()


def video_name(file_name: str) -> str:
    """A ``frame_dir`` per file (the shared folder has ``test.mp4`` and
    ``test.avi``)."""
    return file_name.replace('.', '_')


def real_poses(work_dir: str) -> list:
    """MediaPipe poses of every shared video, and the UCF101 sample's two
    people, as ``PoseDataset`` annotations (COCO-17)."""
    root = osp.join(shared_data_dir(), 'videos')
    links = osp.join(work_dir, 'videos')
    os.makedirs(links, exist_ok=True)
    items = []
    for file_name in sorted(os.listdir(root)):
        if file_name.endswith(('.mp4', '.avi')):
            name = video_name(file_name)
            link = osp.join(links, name + osp.splitext(file_name)[1])
            if not osp.exists(link):
                shutil.copy(osp.join(root, file_name), link)
            items.append(se.VideoItem(name, link, 0))
    poses = osp.join(work_dir, 'poses')
    result = se.extract_skeletons(items, dict(type='MediaPipePose'), poses)
    if result.failed:
        raise SystemExit(f'pose extraction failed: {result.failed}')
    anns = se.merge_skeletons(dict(all=items), poses)[0]['annotations']
    sample = safe_load_pickle(
        osp.join(shared_data_dir(), 'format_fixtures',
                 'example_UCF101_skeleton.pkl'))
    for m in range(len(sample['keypoint'])):
        anns.append(
            dict(
                frame_dir=f'{sample["frame_dir"]}_person{m}',
                label=0,
                layout='coco17',
                img_shape=sample['img_shape'],
                original_shape=sample['original_shape'],
                total_frames=sample['total_frames'],
                keypoint=np.asarray(sample['keypoint'][m:m + 1], np.float32),
                keypoint_score=np.asarray(sample['keypoint_score'][m:m + 1],
                                          np.float32)))
    return anns


def pretrain(anns: list, test: str, iters: int, work_dir: str) -> str:
    """Bank and completion from every sample but ``test``; the last
    checkpoint."""
    checkpoint = osp.join(work_dir, f'iter_{iters}.pth')
    if osp.exists(checkpoint):
        return checkpoint
    names = [a['frame_dir'] for a in anns]
    data = osp.join(work_dir, 'poses.pkl')
    os.makedirs(work_dir, exist_ok=True)
    dump_pickle_atomic(
        dict(layout='coco17', annotations=anns,
             split=dict(train=[n for n in names if n != test], val=[test])),
        data)
    cfg = load_config(CONFIG)
    for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        cfg[loader].dataset.ann_file = data
    cfg = short_pretraining(iters, osp.join(work_dir, 'bank.pkl'),
                            cfg.optim_wrapper.optimizer.lr)(cfg)
    # few, long videos: many passes for a bank of distinct windows
    dump_pickle_atomic(
        build_skeleton_bank_from_config(cfg, passes=200),
        cfg.model.completion.bank_file)
    Runner.from_cfg(quiet(cfg, work_dir)).train()
    return checkpoint


def main():
    args = parse_args()
    quiet_library_output()
    anns = real_poses(args.work_dir)
    by_name = {a['frame_dir']: a for a in anns}
    table = Table(title=f'Restoring {args.ratio:.0%} of detected frames '
                  f'blanked in bursts (mean {args.mean_burst:g}), seeds '
                  f'{args.seeds}: error to the detections in px')
    for column in ('test video', 'iterations', 'frames', 'completion',
                   'interpolation', 'ratio', 'best local fit', 'fit ratio'):
        table.add_column(column, justify='left' if column == 'test video'
                         else 'right')
    pooled = {n: {'completion': [], 'interpolation': []} for n in args.iters}
    tests = [video_name(t) for t in args.test_videos]
    window = load_config(CONFIG).window
    for test in tests:  # all checked before minutes of pre-training
        if test not in by_name:
            raise SystemExit(f'no video {test} in {shared_data_dir()}/videos')
        if longest_detected_run(by_name[test]) < window:
            raise SystemExit(f'{test}: no {window} consecutive detected '
                             'frames, which pre-training validates on')
    for test in tests:
        for iters in args.iters:
            checkpoint = pretrain(
                anns, test, iters,
                osp.join(args.work_dir, f'{test}_{iters}iters'))
            restorers = dict(
                completion=load_completion(checkpoint),
                interpolation=linear_interpolation,
                **{
                    f'{k} each side, degree {d}':
                    partial(local_polynomial, neighbours=k, degree=d)
                    for k, d in POLYNOMIAL_FITS
                })
            results = [
                restoration_errors(
                    by_name[test], restorers, args.ratio, seed,
                    args.mean_burst, min_score=args.min_score)
                for seed in args.seeds
            ]
            frames = sum(len(r['frames']) for r in results)
            mean = {}
            for name, values in pooled_errors(results).items():
                if name in pooled[iters]:
                    pooled[iters][name].append(values)
                mean[name] = values.mean()
            base = mean.pop('interpolation')
            completion = mean.pop('completion')
            fit = min(mean, key=mean.get)
            table.add_row(test, str(iters), str(frames), f'{completion:.2f}',
                          f'{base:.2f}', f'{completion / base:.2f}x', fit,
                          f'{mean[fit] / base:.2f}x')
    Console(width=200).print(table)
    ratios = []
    for iters, errors in pooled.items():
        means = {k: np.concatenate(v).mean() for k, v in errors.items()}
        ratios.append(f"{iters} iterations "
                      f"{means['completion'] / means['interpolation']:.2f}x")
    print('completion / linear interpolation error: ' + ', '.join(ratios))


if __name__ == '__main__':
    main()
