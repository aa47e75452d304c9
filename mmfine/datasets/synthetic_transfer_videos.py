"""A generated motion-transferability benchmark in the Syn-TA layout
(seed 003): the same coarse motions in two sets whose objects and
backgrounds differ, so that accuracy on the other set measures how much a
model learnt the motion rather than its context."""
import os.path as osp
from typing import Dict, List

import cv2
import numpy as np

from mmfine.utils import atomic_write_bytes
from .synthetic_motion_videos import trajectory, write_video

COARSE_CLASSES = ('moves right', 'moves left', 'moves down', 'moves up')
# each set's objects (its fine classes: object x coarse motion) and scenery
SETS = {
    1: dict(objects=('square', 'disc'), background='noise'),
    2: dict(objects=('triangle', 'cross'), background='stripes'),
}


def fine_classes(set_id: int) -> List[str]:
    """The set's fine class names; fine id = coarse id x objects +
    object index."""
    return [
        f'{shape} {motion}' for motion in COARSE_CLASSES
        for shape in SETS[set_id]['objects']
    ]


def _background(kind: str, size: int, rng: np.random.Generator) -> np.ndarray:
    if kind == 'noise':  # dark blotches
        noise = rng.integers(0, 90, (size, size, 3)).astype(np.uint8)
        return cv2.GaussianBlur(noise, (5, 5), 0)
    # stripes: a grating of random direction, period and two colours
    angle, period = rng.uniform(0, np.pi), rng.uniform(5, 10)
    y, x = np.mgrid[:size, :size]
    phase = (x * np.cos(angle) + y * np.sin(angle)) / period * 2 * np.pi
    low, high = rng.integers(20, 70, 3), rng.integers(70, 120, 3)
    mix = (np.sin(phase)[..., None] + 1) / 2
    return (low + (high - low) * mix).astype(np.uint8)


def _draw(frame: np.ndarray, shape: str, x: float, y: float, h: float,
          colour: tuple) -> None:
    if shape == 'square':
        cv2.rectangle(frame, (int(x - h), int(y - h)),
                      (int(x + h), int(y + h)), colour, -1)
    elif shape == 'disc':
        cv2.circle(frame, (int(x), int(y)), int(round(h * 1.1)), colour, -1)
    elif shape == 'triangle':
        points = np.array([[x, y - 1.2 * h], [x - 1.2 * h, y + h],
                           [x + 1.2 * h, y + h]]).round().astype(np.int32)
        cv2.fillPoly(frame, [points], colour)
    else:  # a cross of two bars
        w = max(1.0, h / 2.5)
        cv2.rectangle(frame, (int(x - h), int(y - w)),
                      (int(x + h), int(y + w)), colour, -1)
        cv2.rectangle(frame, (int(x - w), int(y - h)),
                      (int(x + w), int(y + h)), colour, -1)


def render_transfer_video(set_id: int, fine_id: int, frames: int, size: int,
                          rng: np.random.Generator) -> np.ndarray:
    """``(frames, size, size, 3)`` uint8 BGR frames: the set's object of
    ``fine_id`` making its coarse motion over the set's background."""
    objects = SETS[set_id]['objects']
    coarse, shape = divmod(fine_id, len(objects))
    centre, half = trajectory(coarse, frames, size, rng)
    background = _background(SETS[set_id]['background'], size, rng)
    colour = tuple(int(c) for c in rng.integers(150, 256, 3))
    video = np.empty((frames, size, size, 3), np.uint8)
    for i in range(frames):
        frame = background.copy()
        _draw(frame, objects[shape], *centre[i], half[i], colour)
        noise = rng.integers(-12, 13, frame.shape)
        video[i] = np.clip(frame.astype(np.int16) + noise, 0, 255)
    return video


def make_transfer_videos(root: str,
                         per_class: Dict[str, int] = None,
                         frames: int = 16,
                         size: int = 32,
                         seed: int = 0) -> None:
    """Write ``root/set<k>/<fine class>/<split>_<i>.mp4`` and the Syn-TA
    lists ``root/<split>_set<k>_{coarse,fine}.txt`` (paths relative to
    ``root``) for both sets."""
    per_class = per_class or dict(train=24, val=10)
    rng = np.random.default_rng(seed)
    for set_id in SETS:
        names = fine_classes(set_id)
        per_object = len(SETS[set_id]['objects'])
        for split, count in per_class.items():
            coarse_lines, fine_lines = [], []
            for fine_id, name in enumerate(names):
                for i in range(count):
                    path = f"set{set_id}/{name.replace(' ', '_')}/" \
                        f'{split}_{i:03d}.mp4'
                    write_video(
                        osp.join(root, path),
                        render_transfer_video(set_id, fine_id, frames, size,
                                              rng))
                    coarse_lines.append(f'{path} {fine_id // per_object}')
                    fine_lines.append(f'{path} {fine_id}')
            for level, lines in (('coarse', coarse_lines), ('fine',
                                                            fine_lines)):
                atomic_write_bytes(
                    ('\n'.join(lines) + '\n').encode(),
                    osp.join(root, f'{split}_set{set_id}_{level}.txt'))
