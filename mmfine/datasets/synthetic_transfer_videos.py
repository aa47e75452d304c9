"""A generated motion-transferability benchmark in the Syn-TA layout
(seed 003): the same coarse motions in two sets whose objects, backgrounds
and colours differ, so that accuracy on the other set measures how much a
model learnt the motion rather than its context.

Within a set the context is informative, as in real footage (a punching
bag in the gym, a person in the ring): most videos of a fine class
(``HUE_BIAS``) show its own hue, so a colour hints at the coarse class on
the set a model trained on. The other set pairs the hues with other
motions, which a model that learnt the colour instead of the motion gets
wrong."""
import json
import os.path as osp
from typing import Dict, List

import cv2
import numpy as np

from mmfine.utils import atomic_write_bytes
from .synthetic_motion_videos import trajectory, write_video

COARSE_CLASSES = ('moves right', 'moves left', 'moves down', 'moves up',
                  'grows', 'shrinks')
HUE_BIAS = 0.85  # share of a fine class's videos in its own hue
MANNER_AMPLITUDE = 0.08  # of the frame size: the wave of 'wavy'/'zigzag'
# each set's objects (its fine classes: object x coarse motion) and scenery
SETS = {
    1:
    dict(
        objects=('square', 'disc'),
        background='stripes',
        manners=('steady', 'wavy')),
    2:
    dict(
        objects=('triangle', 'cross'),
        background='checker',
        manners=('accelerating', 'zigzag')),
}
#: what tells a set's fine classes of one coarse class apart: the object,
#: the manner of the motion, or its direction (then the coarse classes are
#: the axes of AXES and the object is a nuisance drawn per video)
FINE_KINDS = ('object', 'manner', 'direction')
AXES = ('moves sideways', 'moves vertically', 'changes size')


def fine_classes(set_id: int, fine_kind: str = 'object') -> List[str]:
    """The set's fine class names; fine id = 2 x coarse id + the index of
    the object (or manner); by direction, the motion's id in
    ``COARSE_CLASSES`` (coarse id: its axis in ``AXES``, fine id // 2)."""
    if fine_kind not in FINE_KINDS:
        raise ValueError(f'fine_kind must be one of {FINE_KINDS}, got '
                         f'{fine_kind!r}')
    if fine_kind == 'direction':
        return list(COARSE_CLASSES)
    return [
        f'{variant} {motion}' for motion in COARSE_CLASSES
        for variant in SETS[set_id][f'{fine_kind}s']
    ]


def _background(kind: str, size: int, rng: np.random.Generator) -> np.ndarray:
    """A static two-colour texture: an oriented grating (``'stripes'``) or
    a rotated checkerboard (``'checker'``), of random scale and colours."""
    angle, period = rng.uniform(0, np.pi), rng.uniform(5, 10)
    y, x = np.mgrid[:size, :size]
    u = x * np.cos(angle) + y * np.sin(angle)
    if kind == 'stripes':
        mix = (np.sin(u / period * 2 * np.pi) + 1) / 2
    else:
        v = -x * np.sin(angle) + y * np.cos(angle)
        mix = ((np.floor(u / period * 2) + np.floor(v / period * 2)) % 2)
    low, high = rng.integers(20, 70, 3), rng.integers(70, 120, 3)
    return (low + (high - low) * mix[..., None]).astype(np.uint8)


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


def fine_hue(set_id: int, fine_id: int) -> float:
    """The hue (OpenCV's 0-180) of a fine class: 12 bins, set 2 shifted by
    half a turn (its coarse class c has set 1's hues of class c + 3)."""
    return 15.0 * ((fine_id + 6 * (set_id - 1)) % 12)


def _in_manner(manner: str, coarse: int, centre: np.ndarray, half: np.ndarray,
               size: int) -> tuple:
    """The trajectory made ``'steady'`` (as drawn), ``'accelerating'``
    (re-timed by t^2), ``'wavy'`` or ``'zigzag'`` (a sine or triangle wave
    across the path: across the motion for moves, sideways for size
    changes)."""
    frames = len(half)
    t = np.linspace(0, 1, frames)
    if manner == 'accelerating':
        at = t**2 * (frames - 1)
        centre = np.stack(
            [np.interp(at, np.arange(frames), centre[:, k]) for k in range(2)],
            1)
        half = np.interp(at, np.arange(frames), half)
    elif manner in ('wavy', 'zigzag'):
        phase = 2 * t % 1
        wave = np.sin(2 * np.pi * phase) if manner == 'wavy' else \
            1 - 4 * np.abs(phase - 0.5)
        across = 1 if coarse in (0, 1) else 0  # moves along x: wave in y
        centre = centre.copy()
        centre[:, across] += MANNER_AMPLITUDE * size * wave
    return centre, half


def render_transfer_video(set_id: int,
                          fine_id: int,
                          frames: int,
                          size: int,
                          rng: np.random.Generator,
                          fine_kind: str = 'object') -> np.ndarray:
    """``(frames, size, size, 3)`` uint8 BGR frames: the set's object of
    ``fine_id`` (or any of them), in its context hue, making the fine
    class's motion over the set's background."""
    objects = SETS[set_id]['objects']
    coarse, variant = divmod(fine_id, 2)
    motion = fine_id if fine_kind == 'direction' else coarse
    centre, half = trajectory(motion, frames, size, rng)
    shape = variant if fine_kind == 'object' else rng.integers(len(objects))
    if fine_kind == 'manner':
        centre, half = _in_manner(SETS[set_id]['manners'][variant], coarse,
                                  centre, half, size)
    half = 1.25 * half  # large enough for the shape to show at 32 x 32
    background = _background(SETS[set_id]['background'], size, rng)
    # the context goes with what a fine label says beyond the motion: the
    # object's fine classes each have their hue; the manners of one motion
    # share the motion's (as a scene goes with an action, not with how it
    # is done), so the hue cannot tell the manners apart
    if fine_kind == 'direction':  # an axis's hue; set 2 takes the next's
        own_hue = 60.0 * ((coarse + set_id - 1) % len(AXES))
    else:
        own_hue = fine_hue(set_id,
                           fine_id if fine_kind == 'object' else 2 * coarse)
    hue = own_hue if rng.random() < HUE_BIAS else rng.uniform(0, 180)
    hsv = np.uint8([[[(hue + rng.uniform(-4, 4)) % 180,
                      rng.integers(170, 256),
                      rng.integers(200, 256)]]])
    colour = tuple(int(c) for c in cv2.cvtColor(hsv, cv2.COLOR_HSV2BGR)[0, 0])
    video = np.empty((frames, size, size, 3), np.uint8)
    for i in range(frames):
        frame = background.copy()
        _draw(frame, objects[shape], *centre[i], half[i], colour)
        noise = rng.integers(-12, 13, frame.shape)
        video[i] = np.clip(frame.astype(np.int16) + noise, 0, 255)
    return video


def generator_settings(per_class: Dict[str, int],
                       frames: int,
                       size: int,
                       seed: int,
                       fine_kind: str = 'object') -> dict:
    """Everything the generated videos depend on (``settings.json`` beside
    the lists, so stale data is noticed)."""
    return dict(
        per_class=per_class,
        frames=frames,
        size=size,
        seed=seed,
        coarse_classes=list(AXES if fine_kind == 'direction' else
                            COARSE_CLASSES),
        hue_bias=HUE_BIAS,
        manner_amplitude=MANNER_AMPLITUDE,
        sets={
            str(k): v
            for k, v in SETS.items()
        },
        fine_kind=fine_kind,
        version=2)


def make_transfer_videos(root: str,
                         per_class: Dict[str, int] = None,
                         frames: int = 16,
                         size: int = 32,
                         seed: int = 0,
                         fine_kind: str = 'object') -> None:
    """Write ``root/set<k>/<fine class>/<split>_<i>.mp4``, the Syn-TA
    lists ``root/<split>_set<k>_{coarse,fine}.txt`` (paths relative to
    ``root``) for both sets, and ``root/settings.json`` last."""
    per_class = per_class or dict(train=16, val=10)
    rng = np.random.default_rng(seed)
    for set_id in SETS:
        names = fine_classes(set_id, fine_kind)
        for split, count in per_class.items():
            coarse_lines, fine_lines = [], []
            for fine_id, name in enumerate(names):
                for i in range(count):
                    path = f"set{set_id}/{name.replace(' ', '_')}/" \
                        f'{split}_{i:03d}.mp4'
                    write_video(
                        osp.join(root, path),
                        render_transfer_video(set_id, fine_id, frames, size,
                                              rng, fine_kind))
                    coarse_lines.append(f'{path} {fine_id // 2}')
                    fine_lines.append(f'{path} {fine_id}')
            for level, lines in (('coarse', coarse_lines), ('fine',
                                                            fine_lines)):
                atomic_write_bytes(
                    ('\n'.join(lines) + '\n').encode(),
                    osp.join(root, f'{split}_set{set_id}_{level}.txt'))
    atomic_write_bytes(
        json.dumps(
            generator_settings(per_class, frames, size, seed,
                               fine_kind)).encode(),
        osp.join(root, 'settings.json'))
