"""The command-line options that choose a pose backend, shared by the
tools that run one (``tools/data/extract_skeletons.py``,
``tools/track.py``)."""
import argparse


def add_pose_backend_args(parser: argparse.ArgumentParser) -> None:
    """``--backend mediapipe|mmpose`` and the mmpose model options."""
    parser.add_argument(
        '--backend', choices=['mediapipe', 'mmpose'], default='mediapipe')
    parser.add_argument('--pose-config', help='mmpose top-down config')
    parser.add_argument('--pose-checkpoint')
    parser.add_argument('--det-config', help='mmdet person detector config')
    parser.add_argument('--det-checkpoint')
    parser.add_argument('--device', default='cpu')


def check_pose_backend_args(parser: argparse.ArgumentParser,
                            args: argparse.Namespace) -> None:
    if args.backend == 'mmpose' and not args.pose_config:
        parser.error('--backend mmpose needs --pose-config')


def pose_backend_config(args: argparse.Namespace, **mediapipe) -> dict:
    """The ``build_pose_estimator`` config the options name;
    ``mediapipe`` are extra ``MediaPipePose`` arguments."""
    if args.backend == 'mediapipe':
        return dict(type='MediaPipePose', **mediapipe)
    return dict(
        type='MMPoseTopDown',
        pose_config=args.pose_config,
        pose_checkpoint=args.pose_checkpoint,
        det_config=args.det_config,
        det_checkpoint=args.det_checkpoint,
        device=args.device)
