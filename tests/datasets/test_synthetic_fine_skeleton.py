import numpy as np

from mmfine.datasets.pose_annotation_check import pose_annotation_problems
from mmfine.datasets.synthetic_fine_skeleton import (CLASS_NAMES, CLASSES,
                                                     IMG_SHAPE, LAYOUT,
                                                     _motion, make_dataset,
                                                     make_sample)


def test_deterministic_and_valid():
    a, b = make_dataset(3, 2, seed=5), make_dataset(3, 2, seed=5)
    assert len(a['annotations']) == 12 * 5
    for x, y in zip(a['annotations'], b['annotations']):
        np.testing.assert_array_equal(x['keypoint'], y['keypoint'])
        assert pose_annotation_problems(x, len(CLASSES), 17) == []
    c = make_dataset(3, 2, seed=6)
    assert not np.array_equal(a['annotations'][0]['keypoint'],
                              c['annotations'][0]['keypoint'])
    assert set(a['split']['train']).isdisjoint(a['split']['test'])
    assert a['classes'] == CLASS_NAMES


def test_reversed_classes_are_time_reversals():
    for label, (name, spec) in enumerate(CLASSES):
        if not spec['reverse']:
            continue
        forward = dict(spec, reverse=False)
        seq_f = _motion(forward, 50, np.random.default_rng(1))
        seq_r = _motion(spec, 50, np.random.default_rng(1))
        np.testing.assert_allclose(seq_r, seq_f[::-1])


def test_left_and_right_classes_move_their_own_arm():
    rng = np.random.default_rng(0)
    for name, spec in CLASSES:
        if spec['kind'] != 'arm_circle':
            continue
        seq = _motion(spec, 60, rng)
        wrist = {s: LAYOUT.index(f'{s}_wrist') for s in ('left', 'right')}
        travel = {s: np.abs(np.diff(seq[:, j], axis=0)).sum()
                  for s, j in wrist.items()}
        other = 'right' if spec['side'] == 'left' else 'left'
        assert travel[spec['side']] > 10 * travel[other], name


def test_two_turns_travel_twice_as_far():
    def wrist_travel(turns):
        spec = dict(kind='arm_circle', side='left', turns=turns,
                    reverse=False)
        seq = _motion(spec, 80, np.random.default_rng(3))
        return np.linalg.norm(np.diff(seq[:, LAYOUT.index('left_wrist')],
                                      axis=0), axis=1).sum()
    assert abs(wrist_travel(2) / wrist_travel(1) - 2) < 0.05


def test_nuisance_variation_and_missed_detections():
    samples = [make_sample(0, i, seed=0) for i in range(40)]
    lengths = {s['total_frames'] for s in samples}
    assert min(lengths) >= 40 and max(lengths) <= 80 and len(lengths) > 10
    centres = [s['keypoint'][0, :, :, 0].mean() for s in samples]
    assert np.std(centres) > 50  # pixels
    low = [s for s in samples if (s['keypoint_score'] < 0.1).any()]
    assert 5 < len(low) < 35
    for s in samples:
        kp = s['keypoint'][0][s['keypoint_score'][0] > 0.5]
        assert (kp >= 0).all() and (kp[:, 0] < IMG_SHAPE[1]).all() \
            and (kp[:, 1] < IMG_SHAPE[0]).all()
