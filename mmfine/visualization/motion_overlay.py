"""Frames with the micro-motion tracker's output drawn on them: the
optical flow in colour on the person, each body part's motion vector as
an arrow, and the colour wheel that reads the flow's direction."""
from typing import Dict, Optional

import cv2
import numpy as np


def flow_to_colour(flow: np.ndarray, max_magnitude: float = None
                   ) -> np.ndarray:
    """RGB ``(H, W, 3)`` uint8: hue = direction (the usual HSV flow
    colouring: right red, down yellow-green, left cyan, up blue-violet;
    the paper's Figure S2 mirrors left and right), brightness = magnitude
    up to ``max_magnitude`` (default: the frame's 99th percentile)."""
    magnitude, angle = cv2.cartToPolar(flow[..., 0], flow[..., 1])
    top = max_magnitude or max(float(np.percentile(magnitude, 99)), 1e-3)
    hsv = np.zeros(flow.shape[:2] + (3, ), np.uint8)
    hsv[..., 0] = (angle * 90 / np.pi).astype(np.uint8)  # 0..180
    hsv[..., 1] = 255
    hsv[..., 2] = np.clip(magnitude / top * 255, 0, 255).astype(np.uint8)
    return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)


def colour_wheel(size: int = 64) -> np.ndarray:
    """The legend: the colour of unit flow in every direction (up at the
    top)."""
    ys, xs = np.mgrid[-1:1:size * 1j, -1:1:size * 1j].astype(np.float32)
    wheel = flow_to_colour(np.stack([xs, ys], -1), max_magnitude=1.0)
    wheel[xs**2 + ys**2 > 1] = 255
    return wheel


def draw_motion_overlay(frame: np.ndarray,
                        parts: Dict,
                        vectors: Dict[str, np.ndarray],
                        flow: Optional[np.ndarray] = None,
                        mask: Optional[np.ndarray] = None,
                        arrow_scale: float = 6.0) -> np.ndarray:
    """One RGB frame with the flow on the person (half blended), the
    parts' arrows (``arrow_scale`` frames of motion) and the wheel.

    Args:
        frame (np.ndarray): RGB ``(H, W, 3)`` uint8.
        parts (dict): ``part_points`` output for this frame.
        vectors (dict): Per part, the flow ``(fx, fy)`` in image axes.
        flow (np.ndarray, optional): ``(H, W, 2)`` flow into this frame.
        mask (np.ndarray, optional): Person probability ``(H, W)``.
    """
    out = frame.copy()
    if flow is not None:
        colour = flow_to_colour(flow)
        where = np.ones(flow.shape[:2], bool) if mask is None else \
            mask > 0.5
        out[where] = (0.5 * out[where] + 0.5 * colour[where]).astype(
            np.uint8)
    for name, (_, points) in parts.items():
        start = points.mean(0)
        end = start + arrow_scale * np.asarray(vectors[name])
        cv2.arrowedLine(out, tuple(int(v) for v in start),
                        tuple(int(v) for v in end), (255, 255, 0), 2,
                        tipLength=0.3)
        cv2.circle(out, tuple(int(v) for v in start), 3, (255, 0, 0), -1)
    wheel = colour_wheel(min(64, out.shape[0] // 4, out.shape[1] // 4))
    out[:wheel.shape[0], -wheel.shape[1]:] = wheel
    return out


def body_part_figure(frame: np.ndarray, parts: Dict, radius: float):
    """A matplotlib figure: ``frame`` cropped to the person, each body
    part's region (see ``mmfine.tracking.body_parts``) shaded in its own
    colour and named."""
    from matplotlib.figure import Figure

    from mmfine.tracking.body_parts import part_region
    points = np.concatenate([p for _, p in parts.values()])
    margin = 3 * radius
    x0, y0 = np.maximum(points.min(0) - margin, 0).astype(int)
    x1, y1 = np.minimum(points.max(0) + margin,
                        frame.shape[1::-1]).astype(int)
    frame = frame[y0:y1, x0:x1]
    parts = {
        name: (kind, p - [x0, y0])
        for name, (kind, p) in parts.items()
    }
    fig = Figure(figsize=(4, 4 * frame.shape[0] / frame.shape[1]), dpi=110)
    ax = fig.add_axes([0, 0, 1, 1])
    shade = frame.astype(np.float32) / 255
    colours = [
        np.array(cv2.cvtColor(
            np.uint8([[[int(180 * i / len(parts)), 200, 255]]]),
            cv2.COLOR_HSV2RGB)[0, 0]) / 255 for i in range(len(parts))
    ]
    for (name, (kind, points)), colour in zip(parts.items(), colours):
        rows, cols, inside = part_region(kind, points, radius,
                                         frame.shape[:2])
        region = shade[rows, cols]
        region[inside] = 0.4 * region[inside] + 0.6 * colour
    ax.imshow(shade)
    for (name, (_, points)), colour in zip(parts.items(), colours):
        x, y = points.mean(0)
        ax.text(x, y, name.replace('_', ' '), fontsize=6, ha='center',
                va='center', color='black',
                bbox=dict(facecolor='white', alpha=0.7, lw=0, pad=1))
    ax.axis('off')
    return fig


class MotionOverlayWriter:
    """Writes ``draw_motion_overlay`` of every ``TrackedFrame`` it is
    called with to an mp4 video at the tracked video's frame rate (an
    ``on_frame`` for ``track_micro_motion``)."""

    def __init__(self, path: str) -> None:
        self.path, self.writer = path, None

    def __call__(self, tracked) -> None:
        import os
        import os.path as osp
        image = draw_motion_overlay(tracked.frame, tracked.parts,
                                    tracked.vectors, tracked.flow,
                                    tracked.mask)
        if self.writer is None:
            os.makedirs(osp.dirname(osp.abspath(self.path)), exist_ok=True)
            h, w = image.shape[:2]
            self.writer = cv2.VideoWriter(self.path,
                                          cv2.VideoWriter_fourcc(*'mp4v'),
                                          tracked.fps, (w, h))
            if not self.writer.isOpened():
                raise OSError(f'OpenCV cannot write {self.path}')
        self.writer.write(image[..., ::-1])

    def close(self) -> None:
        if self.writer is not None:
            self.writer.release()
            self.writer = None
