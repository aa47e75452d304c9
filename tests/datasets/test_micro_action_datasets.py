"""MA-52 datasets: the real list files load with body labels from the
action ranges; bad labels are named; skeleton pickles alike."""
import pickle

import numpy as np
import pytest

from mmfine.datasets import MicroActionPoseDataset, MicroActionVideoDataset
from mmfine.testing import shared_dataset


@pytest.mark.realdata
def test_the_real_ma52_lists():
    root = shared_dataset('microaction')
    train = MicroActionVideoDataset(
        f'{root}/ma52_train_list_videos.txt', [],
        data_prefix=dict(video=''),
        missing='ignore',
        test_mode=True)
    val = MicroActionVideoDataset(
        f'{root}/ma52_val_list_videos.txt', [],
        test_mode=True,
        missing='ignore')
    assert len(train) == 11250 and len(val) == 5586
    ranges = [(0, 4), (5, 10), (11, 23), (24, 31), (32, 37), (38, 47),
              (48, 51)]
    infos = [train.get_data_info(i) for i in range(len(train))]
    for info in infos:
        body = next(b for b, (lo, hi) in enumerate(ranges)
                    if lo <= info['label'] <= hi)
        assert info['body_label'] == body
    assert {i['body_label'] for i in infos} == set(range(7))


def test_labels_outside_the_52_actions_are_named(tmp_path):
    (tmp_path / 'list.txt').write_text('a.mp4 3\nb.mp4 52\n')
    with pytest.raises(ValueError, match='52'):
        MicroActionVideoDataset(str(tmp_path / 'list.txt'), [])


def test_skeleton_pickles_get_body_labels(tmp_path):
    anns = [
        dict(
            frame_dir=f's{i}',
            label=label,
            total_frames=4,
            img_shape=(10, 10),
            original_shape=(10, 10),
            keypoint=np.zeros((1, 4, 17, 2), np.float32),
            keypoint_score=np.ones((1, 4, 17), np.float32))
        for i, label in enumerate([0, 9, 40, 51])
    ]
    path = tmp_path / 'ma52.pkl'
    path.write_bytes(pickle.dumps(dict(annotations=anns)))
    data = MicroActionPoseDataset(str(path), [], layout='coco17')
    assert [data.get_data_info(i)['body_label']
            for i in range(len(data))] == [0, 1, 5, 6]
