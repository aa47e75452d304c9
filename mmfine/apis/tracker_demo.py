"""The micro-motion tracker's demo: body-part motion descriptors, captions
and an overlay video of a real video of people when one is at hand
(``<shared data>/videos/demo_demo_skeleton.mp4``), else of a generated
clip of a mannequin raising its left arm (and the demo says so)."""
import json
import os
import os.path as osp

from mmfine.utils import atomic_write_bytes, shared_data_dir
from .demo_result import DemoResult

REAL_VIDEO = ('videos', 'demo_demo_skeleton.mp4')


def demo_video(work_dir: str):
    """``(path, description)`` of the video the demo tracks."""
    real = osp.join(shared_data_dir(), *REAL_VIDEO)
    if osp.isfile(real):
        return real, f'real video {REAL_VIDEO[1]}'
    from mmfine.datasets.synthetic_person_video import make_arm_raise_video
    path = osp.join(work_dir, 'generated_arm_raise.mp4')
    make_arm_raise_video(path)
    return path, (f'generated mannequin clip ({osp.join(*REAL_VIDEO)} not '
                  'found under the shared data)')


def run_tracker_demo(work_dir: str) -> DemoResult:
    """Track the demo video; write ``descriptors.json``,
    ``captions.json``, ``overlay.mp4`` and ``body_parts.png`` (the part
    regions on the first frame with a person) to ``work_dir``."""
    from rich.table import Table

    from mmfine.tracking import build_pose_estimator
    from mmfine.tracking.micro_motion import track_micro_motion
    from mmfine.tracking.motion_captions import caption_descriptors
    from mmfine.visualization import MotionOverlayWriter, body_part_figure
    os.makedirs(work_dir, exist_ok=True)
    video, source = demo_video(work_dir)
    overlay_path = osp.join(work_dir, 'overlay.mp4')
    figure_path = osp.join(work_dir, 'body_parts.png')
    first = []

    with build_pose_estimator(dict(type='MediaPipePose',
                                   smooth=False)) as estimator:
        overlay = MotionOverlayWriter(overlay_path)

        def on_frame(tracked):
            overlay(tracked)
            if not first and tracked.mask is not None and tracked.mask.any():
                first.append(tracked)

        try:
            result = track_micro_motion(video, estimator, on_frame=on_frame)
        finally:
            overlay.close()
    descriptors = result.to_json()
    paths = dict(
        descriptors=osp.join(work_dir, 'descriptors.json'),
        captions=osp.join(work_dir, 'captions.json'))
    atomic_write_bytes(json.dumps(descriptors).encode(),
                       paths['descriptors'])
    captions = caption_descriptors(descriptors)
    atomic_write_bytes(
        json.dumps(captions, indent=1).encode(), paths['captions'])
    plots = [overlay_path]
    if first:
        body_part_figure(first[0].frame, first[0].parts,
                         first[0].radius).savefig(figure_path)
        plots.append(figure_path)
    active = result.most_active()
    table = Table(title=f'Micro-motion tracker on the {source}: '
                  f'{result.num_frames} frames at {result.size[0]}x'
                  f'{result.size[1]}, {result.fps:.1f} fps')
    table.add_column('most active part')
    table.add_column('mean speed', justify='right')
    table.add_column('caption')
    for part, speed in active:
        table.add_row(part, f'{speed:.2f} px/frame', captions[part])
    total = sum(result.seconds.values())
    table.caption = (f'tracked at {result.frames_per_second():.1f} '
                     'frames/s (' + ', '.join(
                         f'{k} {v / total:.0%}'
                         for k, v in result.seconds.items()) +
                     f'); descriptors: {osp.relpath(paths["descriptors"])}, '
                     f'captions: {osp.relpath(paths["captions"])}')
    headline = {
        'video': source,
        'tracked frames/s': f'{result.frames_per_second():.1f}',
        'most active parts': ', '.join(p for p, _ in active),
        'descriptors': osp.relpath(paths['descriptors']),
    }
    return DemoResult('Tracker', table, headline, plots)
