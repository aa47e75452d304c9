import numpy as np
import pytest

from mmfine.datasets.synthetic_quality_skeleton import (ELEMENTS,
                                                        element_quality,
                                                        make_quality_dataset,
                                                        make_routine)


def test_score_is_the_documented_function_of_errors_and_tremors():
    routine = make_routine(3, seed=0)
    expected = 10 * np.mean([
        element_quality(e, a)
        for e, a in zip(routine['errors'], routine['tremors'])
    ])
    assert routine['score'] == pytest.approx(expected, abs=1e-5)
    assert len(routine['errors']) == len(ELEMENTS)


def test_quality_is_graded_and_symmetric():
    assert element_quality(0.0, 0.0) == 1.0
    assert element_quality(0.2, 0.0) == element_quality(-0.2, 0.0)
    assert element_quality(0.1, 0.0) > element_quality(0.2, 0.0) > \
        element_quality(0.4, 0.0) > element_quality(0.6, 0.0) == 0.0
    assert element_quality(0.0, 0.01) > element_quality(0.0, 0.02) > \
        element_quality(0.0, 0.05) == 0.5


def test_no_length_shortcut_and_a_spread_of_scores():
    data = make_quality_dataset(200, 10, seed=1)
    scores = np.array([r['score'] for r in data['train']])
    lengths = np.array([r['total_frames'] for r in data['train']])
    assert abs(np.corrcoef(scores, lengths)[0, 1]) < 0.2
    assert scores.std() > 1.5 and 0 <= scores.min() < scores.max() <= 10
    skill = np.array([r['skill'] for r in data['train']])
    assert np.corrcoef(scores, skill)[0, 1] > 0.6


def test_deterministic_and_disjoint_splits():
    a, b = make_quality_dataset(
        3, 2, seed=4), make_quality_dataset(
            3, 2, seed=4)
    assert np.array_equal(a['test'][1]['keypoint'], b['test'][1]['keypoint'])
    names = [r['frame_dir'] for split in a.values() for r in split]
    assert len(set(names)) == 5
