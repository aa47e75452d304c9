import numpy as np

from mmfine.datasets.pose_annotation_check import pose_annotation_problems
from mmfine.datasets.synthetic_fine_skeleton import (CLASS_NAMES, CLASSES,
                                                     FLICK_CLASSES, IMG_SHAPE,
                                                     LAYOUT, _motion,
                                                     make_dataset, make_sample)


def test_deterministic_and_valid():
    a, b = make_dataset(3, 2, seed=5), make_dataset(3, 2, seed=5)
    assert len(a['annotations']) == len(CLASSES) * 5
    for x, y in zip(a['annotations'], b['annotations']):
        np.testing.assert_array_equal(x['keypoint'], y['keypoint'])
        assert pose_annotation_problems(x, len(CLASSES), 17) == []
    c = make_dataset(3, 2, seed=6)
    assert not np.array_equal(a['annotations'][0]['keypoint'],
                              c['annotations'][0]['keypoint'])
    assert set(a['split']['train']).isdisjoint(a['split']['test'])
    assert a['classes'] == CLASS_NAMES
    flick = make_dataset(3, 2, seed=5, flick=True)
    assert len(flick['classes']) == len(FLICK_CLASSES) == 16
    assert flick['classes'][:12] == CLASS_NAMES  # same labels, four more
    for x, y in zip(a['annotations'], flick['annotations']):
        np.testing.assert_array_equal(x['keypoint'], y['keypoint'])


def test_reversed_classes_are_time_reversals():
    for label, (name, spec) in enumerate(FLICK_CLASSES):
        if not spec['reverse']:
            continue
        forward = dict(spec, reverse=False)
        seq_f = _motion(forward, 50, np.random.default_rng(1))
        seq_r = _motion(spec, 50, np.random.default_rng(1))
        np.testing.assert_allclose(seq_r, seq_f[::-1])


def test_left_and_right_classes_move_their_own_arm():
    rng = np.random.default_rng(0)
    for name, spec in FLICK_CLASSES:
        if spec['kind'] != 'arm_circle':
            continue
        seq = _motion(spec, 60, rng)
        wrist = {s: LAYOUT.index(f'{s}_wrist') for s in ('left', 'right')}
        travel = {s: np.abs(np.diff(seq[:, j], axis=0)).sum()
                  for s, j in wrist.items()}
        other = 'right' if spec['side'] == 'left' else 'left'
        assert travel[spec['side']] > 10 * travel[other], name


def test_fast_circles_turn_four_times_as_far():
    circles = {spec['turns']: spec for _, spec in CLASSES
               if spec['kind'] == 'arm_circle' and spec['side'] == 'left'
               and not spec['reverse']}
    assert sorted(circles) == [1, 4]

    def wrist_travel(spec):
        seq = _motion(spec, 80, np.random.default_rng(3))
        return np.linalg.norm(np.diff(seq[:, LAYOUT.index('left_wrist')],
                                      axis=0), axis=1).sum()
    assert abs(wrist_travel(circles[4]) / wrist_travel(circles[1]) - 4) \
        < 0.05


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


def test_flick_twins_differ_only_by_a_short_fast_forearm_fold():
    """A flick class and its plain twin share every frame but a window of
    15-22% of the sample, in which only the moving wrist differs and moves
    faster than anywhere in the plain circle."""
    names = dict(FLICK_CLASSES)
    for side in ('left', 'right'):
        for sense in ('forward', 'reversed'):
            plain = names[f'arm_circle_{side}_1turn_{sense}']
            flick = names[f'arm_circle_{side}_1turn_{sense}_flick']
            t = 100
            a = _motion(plain, t, np.random.default_rng(7))
            b = _motion(flick, t, np.random.default_rng(7))
            wrist = LAYOUT.index(f'{side}_wrist')
            differs = np.abs(a - b).max(axis=-1) > 1e-9
            assert differs[:, wrist].any()
            assert not np.delete(differs, wrist, axis=1).any()
            frames = np.flatnonzero(differs[:, wrist])
            assert 13 <= len(frames) <= 23
            assert frames[-1] - frames[0] == len(frames) - 1  # one burst
            assert 0.25 * t <= frames.mean() <= 0.75 * t

            def speed(s):
                return np.linalg.norm(np.diff(s[:, wrist], axis=0), axis=-1)

            assert speed(b).max() > 2 * speed(a).max()
