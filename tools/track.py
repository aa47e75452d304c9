"""MA-Bench's micro-motion tracker on one video: body-part motion
descriptors (JSON), their captions and an overlay video.

    python tools/track.py VIDEO --out OUT.json [--flow dis|farneback]
        [--max-side 640] [--captions CAPTIONS.json] [--visualize OUT.mp4]
        [--backend mediapipe | --backend mmpose --pose-config C
         --pose-checkpoint P --det-config C --det-checkpoint P]

OUT.json maps each of the 14 parts to one ``{"vector": [vx, vy], "coord":
[x, y], "directions": [up, right, down, left]}`` per frame (px/frame, vy >
0 upward; coord in [0, 1] from the top-left; the part's mean directional
flow components), with ``num_frames`` and ``fps`` (the container's average
frame rate: seconds are approximate for a variable-frame-rate video). The
flow is read inside the person mask with MediaPipe; the mmpose backend
gives no mask, so there it is read over each part's whole region. Prints
the frames per second of the whole tracker, where the time went and the
three most active parts.
"""
import argparse
import json

import mmfine  # noqa: F401  (compatibility fixes before mmengine starts)

# isort: split
from mmfine.tracking import build_pose_estimator
from mmfine.tracking.backend_args import (add_pose_backend_args,
                                          check_pose_backend_args,
                                          pose_backend_config)
from mmfine.tracking.micro_motion import FLOW_METHODS, track_micro_motion
from mmfine.tracking.motion_captions import caption_descriptors
from mmfine.utils import atomic_write_bytes, quiet_library_output
from mmfine.visualization import MotionOverlayWriter


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('video')
    parser.add_argument('--out', required=True, help='descriptor JSON')
    parser.add_argument('--flow', choices=FLOW_METHODS, default='dis')
    parser.add_argument('--max-side', type=int, default=640)
    parser.add_argument('--captions', help='write the captions here')
    parser.add_argument('--visualize', help='write an overlay video here')
    add_pose_backend_args(parser)
    args = parser.parse_args(argv)
    check_pose_backend_args(parser, args)
    return args


def main(argv=None):
    args = parse_args(argv)
    quiet_library_output()
    overlay = MotionOverlayWriter(args.visualize) if args.visualize else None
    # MediaPipe unsmoothed: smoothed landmarks lag behind the flow
    with build_pose_estimator(pose_backend_config(
            args, smooth=False)) as estimator:
        try:
            result = track_micro_motion(
                args.video,
                estimator,
                flow=args.flow,
                max_side=args.max_side,
                on_frame=overlay)
        except (OSError, ValueError) as error:
            raise SystemExit(f'error: {error}')
        finally:
            if overlay is not None:
                overlay.close()
    descriptors = result.to_json()
    atomic_write_bytes(json.dumps(descriptors).encode(), args.out)
    if args.captions:
        atomic_write_bytes(
            json.dumps(caption_descriptors(descriptors), indent=1).encode(),
            args.captions)
    total = sum(result.seconds.values())
    print(f'{args.video}: {result.num_frames} frames at '
          f'{result.size[0]}x{result.size[1]}, tracked at '
          f'{result.frames_per_second():.1f} frames/s (' + ', '.join(
              f'{k} {v / total:.0%}' for k, v in result.seconds.items()) +
          ')')
    print('most active parts: ' + ', '.join(
        f'{part} {speed:.2f} px/frame'
        for part, speed in result.most_active()))
    print(f'descriptors: {args.out}' +
          (f', captions: {args.captions}' if args.captions else '') +
          (f', overlay: {args.visualize}' if args.visualize else ''))


if __name__ == '__main__':
    main()
