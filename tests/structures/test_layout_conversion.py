import numpy as np
import pytest

from mmfine.structures import convert_keypoints, get_layout


def test_mediapipe_to_coco_picks_named_joints():
    rng = np.random.default_rng(0)
    mp = rng.normal(size=(2, 5, 33, 3))
    score = rng.uniform(size=(2, 5, 33))
    coco, coco_score = convert_keypoints(mp, 'mediapipe33', 'coco17', score)
    src, dst = get_layout('mediapipe33'), get_layout('coco17')
    for j, name in enumerate(dst.joints):
        np.testing.assert_array_equal(coco[..., j, :],
                                      mp[..., src.index(name), :])
        np.testing.assert_array_equal(coco_score[..., j],
                                      score[..., src.index(name)])


def test_coco_to_h36m_derives_composite_joints():
    coco = np.random.default_rng(1).normal(size=(4, 17, 2))
    h36m = convert_keypoints(coco, 'coco17', 'h36m17')
    c, h = get_layout('coco17'), get_layout('h36m17')
    pelvis = (coco[:, c.index('left_hip')] + coco[:, c.index('right_hip')]) / 2
    np.testing.assert_allclose(h36m[:, h.index('pelvis')], pelvis)
    np.testing.assert_array_equal(h36m[:, h.index('left_wrist')],
                                  coco[:, c.index('left_wrist')])


def test_msr_order_to_kinect_order_round_trip():
    x = np.random.default_rng(2).normal(size=(3, 20, 3))
    y = convert_keypoints(x, 'msr_action3d_20', 'kinect_v1_20')
    np.testing.assert_array_equal(
        convert_keypoints(y, 'kinect_v1_20', 'msr_action3d_20'), x)
    assert not np.array_equal(x, y)


def test_conversion_errors_are_clear():
    with pytest.raises(ValueError, match='no source for joints'):
        convert_keypoints(np.zeros((1, 17, 2)), 'coco17', 'ntu25')
    with pytest.raises(ValueError, match='has 17'):
        convert_keypoints(np.zeros((1, 18, 2)), 'coco17', 'h36m17')
