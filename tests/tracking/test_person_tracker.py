"""The subject tracker: IoU, first choice, continuity through a crossing
distractor, lost frames."""
import numpy as np
import pytest

from mmfine.tracking import FramePoses, PersonTracker, box_iou


def person(x, y, size=40.0, joints=17):
    """A person whose keypoints fill a ``size`` box at (x, y)."""
    kp = np.stack([
        x + size * np.linspace(0, 1, joints), y + size * np.linspace(
            0, 1, joints)[::-1]
    ], -1).astype(np.float32)
    return kp, np.array([x, y, x + size, y + size], np.float32)


def frame(*people, scores=None):
    if not people:
        return FramePoses.empty('coco17', 17)
    kps, boxes = zip(*people)
    kps = np.stack(kps)
    sc = np.ones(kps.shape[:2], np.float32) if scores is None else scores
    return FramePoses(kps, sc, np.stack(boxes), 'coco17')


def test_box_iou_against_hand_values():
    box = np.array([0, 0, 10, 10], np.float32)
    others = np.array([[0, 0, 10, 10], [5, 0, 15, 10], [20, 20, 30, 30],
                       [0, 0, 5, 5]], np.float32)
    # 50 / 150, 0, 25 / 100
    assert np.allclose(box_iou(box, others), [1, 1 / 3, 0, 0.25])


def test_first_choice_is_the_given_box_else_the_largest():
    small, large = person(0, 0, 20), person(100, 100, 60)
    assert PersonTracker().update(frame(small, large)) == 1
    assert PersonTracker(init_bbox=[0, 0, 25, 25]).update(
        frame(small, large)) == 0
    with pytest.raises(ValueError, match='x2 > x1'):
        PersonTracker(init_bbox=[10, 10, 5, 20])


def test_follows_the_subject_past_a_distractor_and_through_a_gap():
    """The subject walks right; a larger distractor walks left in an
    overlapping lane and crosses it around t = 7; the subject is out of
    view at t = 2, 3 (the distractor far away then). The track stays on
    the subject, listed in a changing order, and is None while away."""
    tracker = PersonTracker(init_bbox=[0, 50, 40, 90])
    picked = []
    for t in range(14):
        subject = person(5 * t, 50)
        distractor = person(80 - 6 * t, 58, size=45)
        if t in (2, 3):
            poses = frame(distractor)
        else:
            poses = frame(distractor, subject) if t % 2 else \
                frame(subject, distractor)
        index = tracker.update(poses)
        picked.append(None if index is None else
                      'subject' if poses.bboxes[index][1] == 50 else
                      'distractor')
    assert picked == ['subject'] * 2 + [None] * 2 + ['subject'] * 10
    assert PersonTracker().update(frame()) is None


def test_a_subject_who_left_is_picked_again_elsewhere():
    """Gone for 3 frames, back 190 px away: lost until ``reacquire_after``
    frames have passed, then picked afresh."""
    tracker = PersonTracker(reacquire_after=3)
    assert tracker.update(frame(person(0, 0))) == 0
    assert [tracker.update(frame()) for _ in range(3)] == [None] * 3
    assert tracker.update(frame(person(190, 0))) == 0
    # without the reset the far detection is not taken for the subject
    stubborn = PersonTracker(reacquire_after=100)
    stubborn.update(frame(person(0, 0)))
    for _ in range(3):
        stubborn.update(frame())
    assert stubborn.update(frame(person(190, 0))) is None
