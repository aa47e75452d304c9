"""``build_skeleton_bank``: windows and sample ids, score filter, cap."""
import numpy as np
import pytest
import torch

from mmaction.structures import ActionDataSample
from mmfine.datasets.skeleton_bank import build_skeleton_bank
from mmfine.structures import sample_key


class ClipDataset:
    """Items shaped like ``PackActionInputs``' output: ``inputs``
    ``(clips, M, T, V, C)``, ``data_samples`` with ``frame_dir``."""

    def __init__(self, names, clips=2, score=0.9):
        self.items = []
        rng = np.random.default_rng(0)
        for i, name in enumerate(names):
            x = rng.normal(size=(clips, 1, 4, 3, 3)).astype(np.float32)
            x[..., 2] = score if i else 0.01  # the first has missed detections
            sample = ActionDataSample()
            sample.set_metainfo(dict(frame_dir=name))
            self.items.append(dict(inputs=torch.from_numpy(x),
                                   data_samples=sample))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def test_windows_and_ids_with_low_score_clips_left_out():
    data = ClipDataset(['low', 'a', 'b'])
    bank = build_skeleton_bank(data, 'coco17', coord_dims=2)
    assert bank['windows'].shape == (4, 4, 3, 2)  # 2 samples x 2 clips
    assert bank['left_out'] == 2
    assert bank['sample_ids'].tolist() == [sample_key('a')] * 2 + \
        [sample_key('b')] * 2
    np.testing.assert_array_equal(
        bank['windows'][2], data[2]['inputs'][0, 0, ..., :2].numpy())
    assert (bank['window'], bank['num_joints'], bank['coord_dims'],
            bank['layout']) == (4, 3, 2, 'coco17')


def test_cap_keeps_windows_with_their_own_ids():
    data = ClipDataset([f's{i}' for i in range(1, 11)], clips=3)
    full = build_skeleton_bank(data, 'coco17', coord_dims=2)
    capped = build_skeleton_bank(data, 'coco17', coord_dims=2, max_windows=7)
    assert len(capped['windows']) == 7
    for window, key in zip(capped['windows'], capped['sample_ids']):
        match = [i for i, w in enumerate(full['windows'])
                 if np.array_equal(w, window)]
        assert full['sample_ids'][match[0]] == key


def test_missing_frame_dir_is_named():
    data = ClipDataset(['a'])
    data.items[0]['data_samples'] = ActionDataSample()
    with pytest.raises(ValueError, match='frame_dir'):
        build_skeleton_bank(data, 'coco17', coord_dims=2)
