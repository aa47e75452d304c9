import collections
import os
import pickle

import numpy as np
import pytest

from mmfine.utils import UnsafePickleError, safe_load_pickle


class Evil:

    def __reduce__(self):
        return (os.system, ('echo pwned',))


def test_arrays_and_builtins_round_trip(tmp_path):
    data = dict(split={'train': ['a']}, annotations=[
        dict(frame_dir='a', label=np.int64(3), keypoint=np.zeros(
            (1, 2, 17, 2), np.float16), shape=(1, 2), tags={'x'},
            order=collections.OrderedDict(k=1))])
    path = tmp_path / 'ok.pkl'
    path.write_bytes(pickle.dumps(data))
    out = safe_load_pickle(str(path))
    ann = out['annotations'][0]
    assert ann['label'] == 3 and ann['keypoint'].dtype == np.float16
    assert ann['tags'] == {'x'} and ann['order'] == {'k': 1}


def test_code_objects_are_refused(tmp_path):
    path = tmp_path / 'evil.pkl'
    path.write_bytes(pickle.dumps([Evil()]))
    with pytest.raises(UnsafePickleError, match='posix.system|os.system'):
        safe_load_pickle(str(path))


def test_missing_and_corrupt_files(tmp_path):
    with pytest.raises(FileNotFoundError, match='nope.pkl'):
        safe_load_pickle(str(tmp_path / 'nope.pkl'))
    path = tmp_path / 'cut.pkl'
    path.write_bytes(pickle.dumps(list(range(100)))[:20])
    with pytest.raises(pickle.UnpicklingError, match='cut.pkl'):
        safe_load_pickle(str(path))
