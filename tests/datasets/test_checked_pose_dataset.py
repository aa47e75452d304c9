import pickle

import numpy as np
import pytest

from mmfine.datasets import BadAnnotationError, CheckedPoseDataset

PIPELINE = [dict(type='PoseDecode')]


def sample(name, label=0, frames=6, joints=17, coords=2):
    rng = np.random.default_rng(abs(hash(name)) % 2**32)
    return dict(frame_dir=name, label=label, total_frames=frames,
                img_shape=(64, 64),
                keypoint=rng.uniform(0, 64, (1, frames, joints, coords)
                                     ).astype(np.float32),
                keypoint_score=np.ones((1, frames, joints), np.float32))


def write(tmp_path, annotations, split=None, classes=None):
    data = dict(annotations=annotations,
                split=split or {'train': [a['frame_dir'] for a in annotations
                                          if isinstance(a, dict)
                                          and 'frame_dir' in a]})
    if classes:
        data['classes'] = classes
    path = tmp_path / 'ann.pkl'
    path.write_bytes(pickle.dumps(data))
    return str(path)


def test_loads_valid_split_with_classes(tmp_path):
    anns = [sample('a', 0), sample('b', 1), sample('c', 1)]
    path = write(tmp_path, anns, split={'train': ['a', 'c'], 'test': ['b']},
                 classes=['x', 'y'])
    ds = CheckedPoseDataset(path, PIPELINE, split='train', layout='coco17')
    assert len(ds) == 2
    assert ds.metainfo['classes'] == ('x', 'y')
    assert ds.num_classes == 2
    np.testing.assert_array_equal(ds[1]['keypoint'], anns[2]['keypoint'])


BAD = {
    'missing keys': lambda: {k: v for k, v in sample('m').items()
                             if k != 'keypoint'},
    'has rank 3': lambda: dict(sample('r'),
                               keypoint=np.zeros((6, 17, 2), np.float32)),
    'NaN/inf': lambda: dict(sample('n'), keypoint=np.full(
        (1, 6, 17, 2), np.nan, np.float32)),
    'outside [0, 2)': lambda: sample('l', label=7),
    'but total_frames is 9': lambda: dict(sample('t'), total_frames=9),
    'the layout has 17': lambda: sample('j', joints=18),
    'keypoint_score has shape': lambda: dict(
        sample('s'), keypoint_score=np.ones((1, 6), np.float32)),
}


@pytest.mark.parametrize('problem', sorted(BAD))
def test_malformed_sample_is_named(tmp_path, problem):
    bad = BAD[problem]()
    anns = [sample('good'), bad]
    split = {'train': ['good', bad.get('frame_dir', 'x')]}
    path = write(tmp_path, anns, split=split)
    with pytest.raises(BadAnnotationError) as err:
        CheckedPoseDataset(path, PIPELINE, split='train', num_classes=2,
                           layout='coco17')
    message = str(err.value)
    assert problem in message
    assert f"sample 1 ({bad['frame_dir']})" in message
    assert 'good' not in message.split('malformed')[1]


def test_skip_mode_keeps_good_samples_and_reports(tmp_path):
    anns = [sample('good'), sample('bad', label=-1), sample('good2')]
    ds = CheckedPoseDataset(write(tmp_path, anns), PIPELINE, split='train',
                            on_bad_sample='skip')
    assert [d['frame_dir'] for d in ds] == ['good', 'good2']
    assert len(ds.skipped) == 1 and 'label -1' in ds.skipped[0]


def test_file_level_errors(tmp_path):
    path = write(tmp_path, [sample('a')])
    with pytest.raises(BadAnnotationError, match="no split 'val'"):
        CheckedPoseDataset(path, PIPELINE, split='val')
    with pytest.raises(ValueError, match="on_bad_sample"):
        CheckedPoseDataset(path, PIPELINE, on_bad_sample='ignore')
    with pytest.raises(KeyError, match='unknown skeleton layout'):
        CheckedPoseDataset(path, PIPELINE, layout='coco19')
    empty = tmp_path / 'empty.pkl'
    empty.write_bytes(pickle.dumps(dict(annotations=[], split={})))
    with pytest.raises(BadAnnotationError, match='no valid sample'):
        CheckedPoseDataset(str(empty), PIPELINE)


def test_pickle_naming_another_layout_is_refused(tmp_path):
    """Same joint count, different layout: an error naming the fix."""
    path = write(tmp_path, [sample('a')])
    data = pickle.loads(open(path, 'rb').read())
    data['layout'] = 'h36m17'
    open(path, 'wb').write(pickle.dumps(data))
    with pytest.raises(BadAnnotationError, match="layout_name = 'h36m17'"):
        CheckedPoseDataset(path, PIPELINE, split='train', layout='coco17')
    assert len(CheckedPoseDataset(path, PIPELINE, split='train',
                                  layout='h36m17')) == 1


def test_samples_without_a_detected_run_are_left_out(tmp_path):
    gappy = sample('gappy', frames=12)
    gappy['keypoint_score'][0, [4, 9]] = 0  # longest run: 4 frames
    edge = sample('edge', frames=12)
    edge['keypoint_score'][0, :7] = 0  # frames 7..11: 5 frames
    annotations = [sample('full', frames=12), gappy, edge]
    path = write(tmp_path, annotations)
    dataset = CheckedPoseDataset(
        path, PIPELINE, split='train', min_detected_run=5)
    names = [
        dataset.get_data_info(i)['frame_dir'] for i in range(len(dataset))
    ]
    assert names == ['full', 'edge']
    assert len(CheckedPoseDataset(path, PIPELINE, split='train')) == 3
