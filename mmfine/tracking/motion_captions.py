"""Data-grounded captions of body-part motion descriptors, and the
paper's LLM prompt for users who caption with an LLM (seed 004, Appendix
A.3, Figure S4).

A caption is one general sentence (net displacement direction and size,
path length, the main period(s) of motion in seconds) and, when the part
moves, specific sentences on the main period: the successive directions
with their peak speeds in px/frame. Nothing is interpreted.
"""
import json
from typing import Dict, List, Sequence, Tuple

import numpy as np

#: below this peak speed (px/frame) a part is described as still
STILL_SPEED = 0.3
DIRECTIONS = ('right', 'upper-right', 'up', 'upper-left', 'left',
              'lower-left', 'down', 'lower-right')


def direction_name(vx: float, vy: float) -> str:
    """Eight-way direction of ``(vx, vy)`` with vy > 0 upward."""
    angle = np.degrees(np.arctan2(vy, vx)) % 360
    return DIRECTIONS[int(((angle + 22.5) % 360) // 45)]


def motion_periods(speed: np.ndarray, fps: float,
                   min_gap_s: float = 0.2) -> List[Tuple[int, int]]:
    """Frame ranges ``[start, end)`` where the speed reaches half its peak
    (and ``STILL_SPEED``), runs closer than ``min_gap_s`` merged, longest
    first by path length."""
    active = speed >= max(0.5 * speed.max(initial=0), STILL_SPEED)
    runs, start = [], None
    for t, on in enumerate(list(active) + [False]):
        if on and start is None:
            start = t
        elif not on and start is not None:
            runs.append([start, t])
            start = None
    merged = []
    for run in runs:
        if merged and run[0] - merged[-1][1] < min_gap_s * fps:
            merged[-1][1] = run[1]
        else:
            merged.append(run)
    return sorted(((a, b) for a, b in merged),
                  key=lambda r: -speed[r[0]:r[1]].sum())


def _seconds(frame: int, fps: float) -> str:
    return f'{frame / fps:.1f}'


def caption_part(part: str, frames: Sequence[dict], fps: float) -> str:
    """The caption of one part's descriptor list (module docstring)."""
    if not frames:
        raise ValueError(f'{part}: no frames to describe')
    if not fps > 0:
        raise ValueError(f'fps must be positive, got {fps}')
    vectors = np.array([f['vector'] for f in frames], np.float64)
    speed = np.linalg.norm(vectors, axis=1)
    label = part.replace('_', ' ').lower()
    if speed.max(initial=0) < STILL_SPEED:
        return (f'The {label} stays essentially still (peak speed '
                f'{speed.max(initial=0):.2f} px/frame over '
                f'{len(frames) / fps:.1f} seconds).')
    net = vectors.sum(0)
    periods = motion_periods(speed, fps)
    spans = ', '.join(f'{_seconds(a, fps)}-{_seconds(b, fps)}'
                      for a, b in sorted(periods[:2]))
    general = (f'The {label} moves with a net displacement of '
               f'{np.linalg.norm(net):.1f} pixels toward the '
               f'{direction_name(*net)} over a path of {speed.sum():.1f} '
               f'pixels, mainly active between {spans} seconds.')
    start, end = periods[0]
    # directions of the 3-frame moving average: single-frame jitter is
    # not a change of direction
    kernel = np.ones(3) / 3
    smooth = np.stack([
        np.convolve(vectors[:, i], kernel, mode='same') for i in range(2)
    ], 1)
    runs = []  # [direction, peak speed, frames]
    for t in range(start, end):
        name = direction_name(*smooth[t])
        if runs and runs[-1][0] == name:
            runs[-1][1] = max(runs[-1][1], speed[t])
            runs[-1][2] += 1
        else:
            runs.append([name, speed[t], 1])
    # a direction held for a single frame is a turn, not a movement
    steps = []
    for name, peak, length in runs:
        if length < 2 or peak < STILL_SPEED:
            continue
        if steps and steps[-1][0] == name:
            steps[-1][1] = max(steps[-1][1], peak)
        else:
            steps.append([name, peak])
    steps = steps[:5]
    if not steps:
        return general
    moves = [f'{name} at up to {peak:.2f} px/frame' for name, peak in steps]
    specific = f'Between {_seconds(start, fps)} and {_seconds(end, fps)} ' \
        f'seconds it moves {moves[0]}'
    if len(moves) > 1:
        specific += ', then ' + ', then '.join(moves[1:])
    return f'{general} {specific}.'


def caption_descriptors(descriptors: Dict) -> Dict[str, str]:
    """Captions of every part of an MA-Bench descriptor JSON (with
    ``fps``)."""
    fps = float(descriptors['fps'])
    return {
        part: caption_part(part, frames, fps)
        for part, frames in descriptors.items()
        if part not in ('num_frames', 'fps')
    }


CAPTION_PROMPT = '\n'.join([
    'You will receive the following input:',
    ('**Motion data of a specific body part (in JSON format)**, '
     'including:'),
    ("* 'part': the name of the body part (one of 14: Head / "
     'Right_Upper_Arm / Right_Lower_Arm / Right_Hand / Left_Upper_Arm / '
     'Left_Lower_Arm / Left_Hand / Torso / Right_Upper_Leg / '
     'Right_Lower_Leg / Right_Foot / Left_Upper_Leg / Left_Lower_Leg / '
     'Left_Foot);'),
    "* 'num_frames': total number of frames;",
    "* 'fps': frame rate (frames per second);",
    "* 'frames': a list of length 'num_frames', each containing:",
    ("  * 'coord': '[x_norm, y_norm]', the **normalized coordinates** of"
     ' this body part in the current frame (top-left = (0,0), bottom-'
     "right = (1,1); corresponding pixel position = '[x_norm*{width}, "
     "y_norm*{height}]');"),
    ("  * 'vector': '[vx, vy]', representing the **displacement vector "
     'from the previous frame to the current frame**, in units of '
     'pixels/frame.'),
    "  * 'vx > 0': moving right; 'vx < 0': moving left;",
    "  * 'vy > 0': moving upward; 'vy < 0': moving downward.",
    ('{background}You should generate a **hierarchical (general-'
     'specific) natural language description** based on the data:'),
    ('* **First sentence (General):** Summarize the overall **movement '
     'trajectory and magnitude** of the body part throughout the video, '
     'and clearly indicate the **main period(s) of motion** in seconds '
     '(time = frame_index / fps, rounded to one decimal).'),
    ('* **Subsequent sentences (Specific):** Describe the detailed '
     'dynamics during the main movement interval(s), including:'),
    ('  * Changes in movement direction (e.g., moves upward to the '
     'right);'),
    '  * Magnitude of velocity (e.g., 0.8 px/frame);',
    ("  * Trends inferred from the sign and magnitude of 'vector' (e.g.,"
     " 'vx' changing from positive to negative indicates a shift from "
     'rightward to leftward motion).'),
    '**Requirements:**',
    ('* The description must be strictly **data-based**: avoid any '
     'psychological or interpretive language (e.g., nervous, avoidant).'),
    ('* Use intuitive directional terms (left / right / up / down / '
     'upper-left / upper-right / lower-left / lower-right); note that '
     "'vy > 0' means **upward**."),
    ('* Express time in seconds, rounded to one decimal (e.g., 1.2-2.5 '
     'seconds), without referring to specific frame numbers.'),
    ('* Describe only the **physical movement behavior**, not its '
     'emotional meaning.'),
    '',
    'Input:',
    '{data}',
])


def caption_prompt(part: str,
                   descriptors: Dict,
                   size: Tuple[int, int],
                   background: str = '') -> str:
    """The paper's prompt (Figure S4) for one part, with its data.

    Args:
        part (str): One of the 14 parts.
        descriptors (dict): MA-Bench descriptor JSON (``num_frames``,
            ``fps`` and the parts).
        size (tuple[int, int]): The video's ``(width, height)``.
        background (str): Context for the LLM (the paper describes its
            interview recordings here). Defaults to none.
    """
    if part not in descriptors:
        raise KeyError(f'no part {part!r} in the descriptors')
    data = dict(
        part=part,
        num_frames=descriptors['num_frames'],
        fps=descriptors['fps'],
        frames=descriptors[part])
    return CAPTION_PROMPT.format(
        width=size[0],
        height=size[1],
        background=f'**Background information:**\n{background}\n'
        if background else '',
        data=json.dumps(data))
