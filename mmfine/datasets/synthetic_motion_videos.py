"""Short generated videos of a square moving right, left, down or up,
growing or shrinking (time order matters), and the video writer the
generated datasets share (the transferability demo's motions, test
videos)."""
import os
import os.path as osp
from typing import Tuple

import cv2
import numpy as np

CLASSES = ('moves right', 'moves left', 'moves down', 'moves up', 'grows',
           'shrinks')


def trajectory(label: int, frames: int, size: int,
               rng: np.random.Generator) -> Tuple[np.ndarray, np.ndarray]:
    """Centre ``(frames, 2)`` (x, y) and half side ``(frames,)`` of the
    moving square."""
    t = np.linspace(0, 1, frames)
    centre = np.repeat(rng.uniform(0.3 * size, 0.7 * size, 2)[None], frames, 0)
    if label < 4:  # a straight move, its whole travel inside the frame
        axis, sign = divmod(label, 2)[0], 1 - 2 * (label % 2)
        travel = rng.uniform(0.3, 0.45) * size
        low, high = 0.15 * size, 0.85 * size - travel
        begin = rng.uniform(low, high)
        path = begin + travel * t
        centre[:, axis] = path if sign > 0 else path[::-1]
        half = np.full(frames, rng.uniform(0.08, 0.12) * size)
    else:
        small, large = 0.05 * size, 0.2 * size
        half = small + (large - small) * (t if label == 4 else 1 - t)
    return centre, half


def render_video(label: int, frames: int, size: int,
                 rng: np.random.Generator) -> np.ndarray:
    """``(frames, size, size, 3)`` uint8 BGR frames of one sample."""
    centre, half = trajectory(label, frames, size, rng)
    background = rng.integers(0, 90, (size, size, 3)).astype(np.uint8)
    background = cv2.GaussianBlur(background, (5, 5), 0)
    colour = tuple(int(c) for c in rng.integers(150, 256, 3))
    video = np.empty((frames, size, size, 3), np.uint8)
    for i in range(frames):
        frame = background.copy()
        (x, y), h = centre[i], half[i]
        cv2.rectangle(frame, (int(x - h), int(y - h)),
                      (int(x + h), int(y + h)), colour, -1)
        noise = rng.integers(-12, 13, frame.shape)
        video[i] = np.clip(frame.astype(np.int16) + noise, 0, 255)
    return video


def write_video(path: str, video: np.ndarray, fps: int = 12) -> None:
    os.makedirs(osp.dirname(path), exist_ok=True)
    h, w = video.shape[1:3]
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'mp4v'), fps,
                             (w, h))
    if not writer.isOpened():
        raise RuntimeError(f'OpenCV cannot write {path}')
    for frame in video:
        writer.write(frame)
    writer.release()
