import pytest

from mmfine.datasets.converters import convert_msr_action3d
from mmfine.testing import check_converted, shared_dataset

pytestmark = pytest.mark.realdata


def test_msr_action3d_standard_cross_subject():
    data = convert_msr_action3d(shared_dataset('msr_action3d'))
    check_converted(data, 20, dict(xsub_train=284, xsub_val=273))
    subject = {a['frame_dir']: int(a['frame_dir'][5:7])
               for a in data['annotations']}
    assert all(subject[n] % 2 == 1 for n in data['split']['xsub_train'])


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match='real_world_coordinates'):
        convert_msr_action3d(str(tmp_path))
