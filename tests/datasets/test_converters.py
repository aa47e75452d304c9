import numpy as np
import pytest

from mmfine.datasets.converters import (convert_msr_action3d, convert_nw_ucla,
                                        convert_utkinect)
from mmfine.datasets.pose_annotation_check import pose_annotation_problems
from mmfine.structures import get_layout
from mmfine.testing import shared_dataset

pytestmark = pytest.mark.realdata
KINECT = get_layout('kinect_v1_20')


def check(data, num_classes, sizes):
    assert {k: len(v) for k, v in data['split'].items()} == sizes
    names = [a['frame_dir'] for a in data['annotations']]
    assert len(set(names)) == len(names)
    for ann in data['annotations']:
        assert pose_annotation_problems(ann, num_classes, 20) == []
    assert sorted({a['label'] for a in data['annotations']}) == \
        list(range(num_classes))
    # the joint order is Kinect v1's: the head is above the feet and the
    # pelvis in (nearly) every frame
    kp = np.concatenate([a['keypoint'][0] for a in data['annotations']])
    y = kp[..., 1]
    head, pelvis = KINECT.index('head'), KINECT.index('pelvis')
    feet = [KINECT.index('left_foot'), KINECT.index('right_foot')]
    assert np.mean(y[:, head] > y[:, pelvis]) > 0.97
    assert np.mean(y[:, head] > y[:, feet].max(1)) > 0.97


def test_msr_action3d_standard_cross_subject():
    data = convert_msr_action3d(shared_dataset('msr_action3d'))
    check(data, 20, dict(xsub_train=284, xsub_val=273))
    subject = {a['frame_dir']: int(a['frame_dir'][5:7])
               for a in data['annotations']}
    assert all(subject[n] % 2 == 1 for n in data['split']['xsub_train'])


def test_utkinect_segments():
    data = convert_utkinect(shared_dataset('utkinect'))
    check(data, 10, dict(xsub_train=100, xsub_val=99))


def test_nw_ucla_cross_view():
    data = convert_nw_ucla(shared_dataset('nw_ucla'))
    check(data, 10, dict(xview_train=1020, xview_val=464))
    assert all(n.endswith('_v03') for n in data['split']['xview_val'])


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match='real_world_coordinates'):
        convert_msr_action3d(str(tmp_path))
