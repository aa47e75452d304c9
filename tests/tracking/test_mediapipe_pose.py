"""The MediaPipe backend on a real video: one person per frame, COCO-17
keypoints named as MediaPipe names them, a person mask that covers the
body and not the background; bad frames are errors."""
import numpy as np
import pytest

from mmfine.apis.skeleton_extraction import open_video
from mmfine.structures import get_layout
from mmfine.testing import shared_dataset
from mmfine.tracking import build_pose_estimator
from mmfine.tracking.mediapipe_pose import (mediapipe_indices,
                                            mediapipe_landmark_names)

pytestmark = pytest.mark.realdata


def test_coco17_names_match_mediapipe_names():
    names = mediapipe_landmark_names()
    assert len(names) == 33
    mapping = mediapipe_indices('coco17')
    # MediaPipe's documented indices (pose_landmarks): nose 0, left eye 2,
    # left shoulder 11, right wrist 16, left hip 23, right ankle 28
    coco = get_layout('coco17').joints
    expected = dict(nose=0, left_eye=2, left_shoulder=11, right_wrist=16,
                    left_hip=23, right_ankle=28)
    for joint, index in expected.items():
        assert mapping[coco.index(joint)] == index


def test_one_person_with_a_mask_on_a_real_video():
    reader = open_video(f"{shared_dataset('videos')}/demo_demo_skeleton.mp4")
    with build_pose_estimator(dict(type='MediaPipePose')) as estimator:
        for t in range(0, 40, 8):
            frame = reader[t].asnumpy()
            h, w = frame.shape[:2]
            poses = estimator(frame)
            assert poses.num_persons == 1 and poses.layout == 'coco17'
            assert poses.landmarks.shape == (1, 33, 3)
            # the COCO keypoints are the matching full landmarks
            coco = mediapipe_indices('coco17')
            assert np.array_equal(poses.keypoints[0],
                                  poses.landmarks[0, coco, :2])
            kp, sc = poses.keypoints[0], poses.scores[0]
            assert ((0 <= sc) & (sc <= 1)).all()
            visible = kp[sc > 0.8]
            assert len(visible) >= 10
            assert ((visible >= 0) & (visible < [w, h])).all()
            mask = poses.mask
            assert mask.shape == (h, w) and 0 <= mask.min() <= mask.max() <= 1
            # shoulders and hips stand on the person, the corners do not
            torso = kp[[5, 6, 11, 12]].astype(int)
            assert mask[torso[:, 1], torso[:, 0]].mean() > 0.5
            assert mask[:20, :20].mean() < 0.1
            assert mask[-20:, -20:].mean() < 0.1
            # the box holds the confident keypoints
            x1, y1, x2, y2 = poses.bboxes[0]
            assert (visible[:, 0] >= x1 - 1).all() and (visible[:, 0] <=
                                                        x2 + 1).all()
        with pytest.raises(ValueError, match='uint8 RGB'):
            estimator(frame.astype(np.float32))
        blank = np.zeros((120, 160, 3), np.uint8)
        estimator.reset()
        nobody = estimator(blank)
        assert nobody.num_persons == 0 and not nobody.mask.any()


def test_full_landmark_layout_on_a_real_video():
    """``layout='mediapipe33'`` gives the 33 landmarks as keypoints (hands
    and feet), the same values as the COCO-17 mapping on the shared
    joints; nobody found is 33 empty joints; other layouts are refused."""
    reader = open_video(f"{shared_dataset('videos')}/demo_demo_skeleton.mp4")
    frame = reader[8].asnumpy()
    with build_pose_estimator(dict(type='MediaPipePose',
                                   layout='mediapipe33')) as full, \
            build_pose_estimator(dict(type='MediaPipePose')) as coco:
        poses, subset = full(frame), coco(frame)
        assert poses.layout == 'mediapipe33'
        assert poses.keypoints.shape == (1, 33, 2)
        np.testing.assert_array_equal(poses.keypoints[0],
                                      poses.landmarks[0, :, :2])
        np.testing.assert_array_equal(
            poses.keypoints[0, mediapipe_indices('coco17')],
            subset.keypoints[0])
        full.reset()
        nobody = full(np.zeros((120, 160, 3), np.uint8))
        assert nobody.num_persons == 0 and nobody.keypoints.shape[1] == 33
    with pytest.raises(ValueError, match="not 'h36m17'"):
        build_pose_estimator(dict(type='MediaPipePose', layout='h36m17'))
