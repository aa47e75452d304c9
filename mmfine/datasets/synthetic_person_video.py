"""A generated video of a person that pose estimators recognise: a flat
mannequin (shirt, trousers, skin-coloured forearms and head with a face)
drawn from COCO-17 poses of the synthetic skeletons, raising its left arm
while the rest stays still. The tracker demo's fallback when no real video
is at hand."""
import cv2
import numpy as np

from .synthetic_fine_skeleton import LAYOUT, REST_POSE, _bump, _set_arm
from .synthetic_motion_videos import write_video

SHIRT, SKIN, TROUSERS = (160, 60, 40), (220, 180, 150), (40, 50, 60)  # RGB
LIMBS = (('left_shoulder', 'left_elbow', SHIRT, 18),
         ('left_elbow', 'left_wrist', SKIN, 14),
         ('right_shoulder', 'right_elbow', SHIRT, 18),
         ('right_elbow', 'right_wrist', SKIN, 14),
         ('left_hip', 'left_knee', TROUSERS, 24),
         ('left_knee', 'left_ankle', TROUSERS, 20),
         ('right_hip', 'right_knee', TROUSERS, 24),
         ('right_knee', 'right_ankle', TROUSERS, 20))


def render_mannequin(pose: np.ndarray, size=(640, 360)) -> np.ndarray:
    """RGB ``(H, W, 3)`` frame of a COCO-17 pose in metres (y up, pelvis
    at (0, 1), the person's left on the image's right)."""
    w, h = size
    img = np.full((h, w, 3), (210, 205, 200), np.uint8)
    img[int(0.8 * h):] = (95, 90, 90)
    scale = h / 2.0

    def px(point):
        return (int(w / 2 + point[0] * scale),
                int(0.95 * h - point[1] * scale))

    at = {name: px(pose[i]) for i, name in enumerate(LAYOUT.joints)}
    torso = [at[j] for j in ('left_shoulder', 'right_shoulder', 'right_hip',
                             'left_hip')]
    cv2.fillPoly(img, [np.array(torso)], SHIRT)
    for a, b, colour, width in LIMBS:
        cv2.line(img, at[a], at[b], colour, width)
    head = np.mean([at['left_ear'], at['right_ear']], 0).astype(int)
    cv2.ellipse(img, tuple(int(v) for v in head), (17, 22), 0, 0, 360, SKIN,
                -1)
    for eye in ('left_eye', 'right_eye'):
        cv2.circle(img, at[eye], 2, (20, 20, 20), -1)
    cv2.ellipse(img, (int(head[0]), int(head[1]) + 10), (6, 2), 0, 0, 360,
                (150, 60, 60), -1)
    for wrist in ('left_wrist', 'right_wrist'):
        cv2.circle(img, at[wrist], 8, SKIN, -1)
    return img


def make_arm_raise_video(path: str, frames: int = 48, fps: int = 24) -> None:
    """Write the mannequin raising and lowering its left arm (to 115
    degrees) over ``frames`` frames; nothing else moves."""
    u = np.linspace(0, 1, frames)
    video = []
    for t in range(frames):
        pose = REST_POSE.copy()[None]
        _set_arm(pose, 'left', 2.0 * _bump(u[t:t + 1]), 1.0)
        video.append(render_mannequin(pose[0])[..., ::-1])  # BGR to write
    write_video(path, np.stack(video), fps)
