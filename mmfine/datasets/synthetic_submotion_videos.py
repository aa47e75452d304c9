"""Generated videos whose class is a short, time-symmetric sub-motion of a
travelling object: the embedded data of the SeFAR demo.

A rectangle travels in a random direction at a random speed over a random
background. Twice in the clip, for a few frames, it performs its class's
sub-motion: it hops sideways off its path and back,
pulses (grows and shrinks back), squashes or stretches and restores, or
blinks (dims and lights up again); ``steady`` does nothing. Every
sub-motion goes out and comes back along the same profile, so it reads the
same backwards: reversing the frames of SeFAR's fine elements keeps the
label, as the paper's premise requires, and so does a horizontal flip.
Direction, speed, colour, size, aspect ratio, timing and background are
drawn independently of the class (with amplitude 0 every class renders the
same video). At the default amplitude a frame at an event's peak can fall
outside the nuisance ranges (a pulse larger, a blink darker than any
steady frame), so the classes are told apart by finding and comparing the
few frames of the events. Smaller amplitudes were measured too hard for
the demo's tiny ViT from scratch: with every label (240 clips, 900 steps)
it reached 0.52 top-1 at amplitude 0.75 against 0.68 at 1.
"""
import os.path as osp
from typing import Dict, List

import cv2
import numpy as np

from .synthetic_motion_videos import write_video

CLASSES = ('steady', 'hops', 'pulses', 'squashes', 'stretches', 'blinks')
#: rendering supersampling: sub-pixel shapes on a small frame
SUPERSAMPLE = 4


def event_profile(frames: int, event_frames: int, events: int,
                  rng: np.random.Generator) -> np.ndarray:
    """``(frames,)`` in [0, 1]: ``events`` non-overlapping half-sine bumps
    of ``event_frames`` frames at random times (symmetric in time)."""
    if events * event_frames > frames:
        raise ValueError(f'{events} events of {event_frames} frames do not '
                         f'fit in {frames} frames')
    slack = frames - events * event_frames
    gaps = np.diff(np.sort(rng.integers(0, slack + 1, events)), prepend=0)
    profile = np.zeros(frames)
    start = 0
    bump = np.sin(np.pi * (np.arange(event_frames) + 0.5) / event_frames)
    for gap in gaps:
        start += gap
        profile[start:start + event_frames] = bump
        start += event_frames
    return profile


def render_submotion(label: int,
                     frames: int,
                     size: int,
                     rng: np.random.Generator,
                     amplitude: float = 1.0,
                     event_frames: int = 6,
                     events: int = 2) -> np.ndarray:
    """``(frames, size, size, 3)`` uint8 BGR frames of one sample of
    ``CLASSES[label]``; ``amplitude`` scales every sub-motion (1: a hop of
    0.24 x the frame, a pulse of +70%, a squash or stretch of 60%, a blink
    to black)."""
    if not 0 <= label < len(CLASSES):
        raise ValueError(f'label {label} is not one of the '
                         f'{len(CLASSES)} classes')
    e = amplitude * event_profile(frames, event_frames, events, rng)
    base = rng.uniform(0.12, 0.16) * size
    aspect = rng.uniform(0.85, 1.18)
    half_w, half_h = np.full(frames, base * aspect), np.full(
        frames, base / aspect)
    angle = rng.uniform(0, 2 * np.pi)
    direction = np.array([np.cos(angle), np.sin(angle)])
    travel = rng.uniform(0.05, 0.25) * size
    start = size / 2 - direction * travel / 2 + rng.uniform(
        -0.1, 0.1, 2) * size
    t = np.linspace(0, 1, frames)[:, None]
    centre = start + direction * travel * t
    brightness = np.ones(frames)
    side = np.array([-direction[1], direction[0]]) * rng.choice([-1, 1])
    name = CLASSES[label]  # every draw above is the same for all classes
    if name == 'hops':
        centre = centre + side * 0.24 * size * e[:, None]
    elif name == 'pulses':
        half_w, half_h = half_w * (1 + 0.7 * e), half_h * (1 + 0.7 * e)
    elif name == 'squashes':
        half_w, half_h = half_w * (1 + 0.6 * e), half_h * (1 - 0.6 * e)
    elif name == 'stretches':
        half_w, half_h = half_w * (1 - 0.6 * e), half_h * (1 + 0.6 * e)
    elif name == 'blinks':
        brightness = np.clip(1 - e, 0, 1)
    background = rng.integers(0, 90, (size, size, 3)).astype(np.uint8)
    background = cv2.GaussianBlur(background, (5, 5), 0).astype(np.float32)
    colour = rng.integers(150, 256, 3).astype(np.float32)
    video = np.empty((frames, size, size, 3), np.uint8)
    big = size * SUPERSAMPLE
    for i in range(frames):
        mask = np.zeros((big, big), np.float32)
        (x, y) = centre[i] * SUPERSAMPLE
        w, h = half_w[i] * SUPERSAMPLE, half_h[i] * SUPERSAMPLE
        cv2.rectangle(mask, (int(round(x - w)), int(round(y - h))),
                      (int(round(x + w)), int(round(y + h))), 1.0, -1)
        cover = cv2.resize(mask, (size, size),
                           interpolation=cv2.INTER_AREA)[..., None]
        frame = background * (1 - cover) + colour * brightness[i] * cover
        noise = rng.integers(-12, 13, frame.shape)
        video[i] = np.clip(frame + noise, 0, 255).astype(np.uint8)
    return video


def make_submotion_videos(root: str,
                          per_class: Dict[str, int],
                          frames: int = 24,
                          size: int = 32,
                          amplitude: float = 1.0,
                          event_frames: int = 6,
                          seed: int = 0) -> Dict[str, List[str]]:
    """Write ``root/<split>/<label>_<i>.mp4`` and ``root/<split>.txt``
    lists (``path label``, paths relative to ``root``, shuffled); returns
    the list lines per split."""
    rng = np.random.default_rng(seed)
    lists = {}
    for split, count in per_class.items():
        lines = []
        for label in range(len(CLASSES)):
            for i in range(count):
                name = f'{split}/{label}_{i:03d}.mp4'
                write_video(
                    osp.join(root, name),
                    render_submotion(label, frames, size, rng, amplitude,
                                     event_frames))
                lines.append(f'{name} {label}')
        rng.shuffle(lines)
        with open(osp.join(root, f'{split}.txt'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
        lists[split] = lines
    return lists
