"""The ski-jump converter: style scores by the FIS rule, keypoint order,
folds, unlabelled keypoints; on a small release written here and on the
real one."""
import csv
import json

import numpy as np
import pytest

from mmfine.datasets.converters import convert_ski_jump, style_score
from mmfine.testing import shared_dataset

# the three middle marks differ from the first three and from 3 x median
MARKS = {'JP0001': [19, 15, 17, 16.5, 18], 'JP0002': [18, 18, 18, 18, 18],
         'JP0003': [20, 12, 14, 13, 19]}
STYLE = {'JP0001': 51.5, 'JP0002': 54.0, 'JP0003': 46.0}


def write_release(root, frames=(5, 6, 9), unlabelled=None, extra=None):
    """Three jumps; jump N's keypoint '<k>' sits at (k, frame) except
    where ``unlabelled = (jump, frame, k)``."""
    (root / 'annotations').mkdir(parents=True)
    order = [str(k) for k in np.random.default_rng(0).permutation(23) + 1]
    for n in (1, 2, 3):
        images, anns = [], []
        for i, frame in enumerate(reversed(frames)):  # files out of order
            images.append(
                dict(
                    id=i,
                    file_name=f'{frame:05d}_jpg.rf.x.jpg',
                    height=720,
                    width=1280,
                    extra=dict(name=f'{frame:05d}.jpg')))
            points = []
            for k in order:
                visible = (n, frame, k) != unlabelled
                points += [int(k) * visible, frame * visible, 2 * visible]
            anns.append(dict(id=100 + i, image_id=i, keypoints=points))
        if extra and n == 1:
            anns.append(dict(anns[0], id=999))
        coco = dict(
            images=images,
            annotations=anns,
            categories=[
                dict(id=0, name='objects'),
                dict(id=1, name='skier', keypoints=order)
            ])
        (root / 'annotations' /
         f'annotations_interpolated_jump{n}.coco.json').write_text(
             json.dumps(coco))
    with open(root / 'JP_data.csv', 'w', newline='') as f:
        writer = csv.writer(f)
        writer.writerow(['ID', 'AthleteGender', 'AthleteScore',
                         'AthleteDistance'] +
                        [f'AthleteJdg{j}' for j in 'ABCDE'])
        for name, marks in MARKS.items():
            writer.writerow([name, 'M', 100.0, 120.5] + marks)
        writer.writerow(['JP0099', 'M', '', '', '', '', '', '', ''])


def test_style_score_drops_the_highest_and_lowest_mark():
    for name, marks in MARKS.items():
        assert style_score(marks) == STYLE[name]
    with pytest.raises(ValueError, match='five'):
        style_score([17, 18])


def test_converts_a_small_release(tmp_path):
    write_release(tmp_path, unlabelled=(2, 6, '7'))
    data = convert_ski_jump(str(tmp_path), num_folds=3)
    anns = {a['frame_dir']: a for a in data['annotations']}
    assert sorted(anns) == ['JP0001', 'JP0002', 'JP0003']
    for name, a in anns.items():
        assert a['score'] == STYLE[name]
        assert a['keypoint'].shape == (1, 3, 23, 2)
        assert a['img_shape'] == (720, 1280)
        # keypoints reordered to '1' .. '23', frames in time order
        assert np.array_equal(a['frame_inds'], [5, 6, 9])
        assert np.array_equal(a['keypoint'][0, 0, :, 0], np.arange(1, 24))
        assert np.array_equal(a['keypoint'][0, :, 0, 1], [5, 6, 9])
    # visibility 0: score 0, the coordinates as given
    jump2 = anns['JP0002']
    assert jump2['keypoint_score'][0, 1, 6] == 0
    assert jump2['keypoint_score'].sum() == 3 * 23 - 1
    assert np.array_equal(jump2['keypoint'][0, 1, 6], [0, 0])
    # folds stratified by score: one jump each, every jump once
    folds = [data['split'][f'fold{k}'] for k in range(3)]
    assert sorted(sum(folds, [])) == sorted(anns)
    assert data['split']['all'] == sorted(anns)


def test_bad_releases_name_the_problem(tmp_path):
    write_release(tmp_path / 'two', extra=True)
    with pytest.raises(ValueError, match='two skiers'):
        convert_ski_jump(str(tmp_path / 'two'), 3)
    write_release(tmp_path / 'folds')
    with pytest.raises(ValueError, match='3 jumps for 4 folds'):
        convert_ski_jump(str(tmp_path / 'folds'), 4)
    write_release(tmp_path / 'marks')
    (tmp_path / 'marks' / 'JP_data.csv').write_text(
        'ID,AthleteJdgA\nJP0001,17\n')
    with pytest.raises(ValueError, match='no judges'):
        convert_ski_jump(str(tmp_path / 'marks'), 3)
    with pytest.raises(FileNotFoundError, match='annotations'):
        convert_ski_jump(str(tmp_path / 'absent'), 3)


@pytest.mark.realdata
def test_the_real_release():
    data = convert_ski_jump(shared_dataset('ski_jump'))
    assert len(data['annotations']) == 32
    assert {k: len(v) for k, v in data['split'].items()} == dict(
        fold0=8, fold1=8, fold2=8, fold3=8, all=32)
    jump10 = next(a for a in data['annotations']
                  if a['frame_dir'] == 'JP0010')
    # JP_data.csv: JP0010's marks are 18 from all five judges
    assert jump10['score'] == 54.0
    assert jump10['keypoint'].shape == (1, 278, 23, 2)
    assert all(np.all(np.diff(a['frame_inds']) > 0)
               for a in data['annotations'])
    scores = {a['frame_dir']: a['score'] for a in data['annotations']}
    assert min(scores.values()) == 48.0 and max(scores.values()) == 58.5
    # stratified: each fold holds one of every four jumps ranked by score,
    # so the fold means differ by less than one rank group's spread
    means = [
        np.mean([scores[n] for n in data['split'][f'fold{k}']])
        for k in range(4)
    ]
    assert max(means) - min(means) < 1.0
    ranked = sorted(scores, key=lambda n: (scores[n], n))
    for start in range(0, 32, 4):
        folds = {
            k for n in ranked[start:start + 4] for k in range(4)
            if n in data['split'][f'fold{k}']
        }
        assert folds == {0, 1, 2, 3}
