"""tools/data/prepare_ski_jump.py on the real release: pickle, features
and fold lists that the ski-jump configs read."""
import numpy as np
import pytest

from mmfine.apis.aqa_cross_validation import check_folds, fold_files
from mmfine.testing import import_tool, shared_dataset
from mmfine.utils import safe_load_pickle

pytestmark = pytest.mark.realdata


def test_prepare_ski_jump(tmp_path):
    prepare_ski_jump = import_tool('data/prepare_ski_jump.py')
    out = tmp_path / 'ski_jump'
    argv = ['--root', shared_dataset('ski_jump'), '--out-dir', str(out)]
    prepare_ski_jump.main(argv)
    data = safe_load_pickle(str(out / 'ski_jump_2d.pkl'))
    assert len(data['annotations']) == 32
    check_folds(fold_files(str(out), 4))
    for ann in data['annotations']:
        features = np.load(out / 'features' / f"{ann['frame_dir']}.npy")
        # 16-frame clips of the jump, 3 statistics x 23 keypoints x 2
        assert features.shape == (ann['total_frames'] // 16, 138)
        assert np.isfinite(features).all()
    # a second run keeps the features (resumes)
    first = (out / 'features' / 'JP0010.npy').stat().st_mtime_ns
    prepare_ski_jump.main(argv)
    assert (out / 'features' / 'JP0010.npy').stat().st_mtime_ns == first
