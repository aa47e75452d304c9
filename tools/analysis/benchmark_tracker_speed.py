"""Frames per second of the whole micro-motion tracker (decoding, pose and
person mask, optical flow, part descriptors) at 640x360, with DIS flow
against Farneback, in one run; the last line gives the ratio to real time
(25 frames/s).

    python tools/analysis/benchmark_tracker_speed.py [--video VIDEO]
        [--repeats 3]

The video (default: the shared data's demo_demo_skeleton.mp4, else the
generated mannequin clip) is first re-encoded at 640x360, so decoding
costs what it costs at that size.
"""
import argparse
import os.path as osp
import tempfile

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
import cv2
import numpy as np
from rich.console import Console
from rich.table import Table

from mmfine.apis.skeleton_extraction import open_video
from mmfine.apis.tracker_demo import demo_video
from mmfine.datasets.synthetic_motion_videos import write_video
from mmfine.tracking import build_pose_estimator
from mmfine.tracking.micro_motion import FLOW_METHODS, track_micro_motion
from mmfine.utils import quiet_library_output

REAL_TIME = 25.0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--video', help='default: the demo video')
    parser.add_argument('--repeats', type=int, default=3)
    return parser.parse_args()


def at_640x360(video: str, out: str) -> None:
    reader = open_video(video)
    frames = [
        cv2.resize(reader[t].asnumpy(), (640, 360),
                   interpolation=cv2.INTER_AREA)[..., ::-1]
        for t in range(len(reader))
    ]
    write_video(out, np.stack(frames), int(round(reader.get_avg_fps())))


def main():
    args = parse_args()
    quiet_library_output()
    with tempfile.TemporaryDirectory() as tmp:
        video = args.video or demo_video(tmp)[0]
        small = osp.join(tmp, 'video_640x360.mp4')
        at_640x360(video, small)
        rows = {}
        with build_pose_estimator(dict(type='MediaPipePose',
                                       smooth=False)) as estimator:
            for flow in FLOW_METHODS:
                runs = [
                    track_micro_motion(small, estimator, flow=flow)
                    for _ in range(args.repeats)
                ]
                best = max(runs, key=lambda r: r.frames_per_second())
                rows[flow] = best
    table = Table(title=f'Micro-motion tracker at 640x360 on '
                  f'{osp.basename(video)} ({best.num_frames} frames, best '
                  f'of {args.repeats})')
    for column in ('flow', 'frames/s', 'decode', 'pose + mask', 'flow ',
                   'descriptors'):
        table.add_column(column, justify='left' if column == 'flow' else
                         'right')
    for flow, result in rows.items():
        total = sum(result.seconds.values())
        table.add_row(
            flow, f'{result.frames_per_second():.1f}', *[
                f"{1000 * result.seconds[k] / result.num_frames:.1f} ms "
                f'({result.seconds[k] / total:.0%})'
                for k in ('decode', 'pose', 'flow', 'descriptors')
            ])
    Console(width=max(Console().width, 110)).print(table)
    dis, farneback = (rows[f].frames_per_second() for f in FLOW_METHODS)
    print(f'DIS tracker {dis:.1f} frames/s = {dis / REAL_TIME:.2f}x real '
          f'time (25 fps); Farneback {farneback:.1f} frames/s; DIS / '
          f'Farneback {dis / farneback:.2f}x')


if __name__ == '__main__':
    main()
