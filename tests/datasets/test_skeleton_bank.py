"""``build_skeleton_bank``: windows and sample ids, score filter, cap."""
import numpy as np
import pytest
import torch

from mmaction.structures import ActionDataSample
from mmfine.datasets.skeleton_bank import build_skeleton_bank
from mmfine.models.finetec.context_aware_completion import frame_of_reference
from mmfine.structures import sample_key


class ClipDataset:
    """Items shaped like ``PackActionInputs``' output: ``inputs``
    ``(clips, M, T, V, C)``, ``data_samples`` with ``frame_dir``."""

    def __init__(self, names, clips=2, score=0.9, frames=4):
        self.items = []
        rng = np.random.default_rng(0)
        for i, name in enumerate(names):
            x = rng.normal(size=(clips, 1, frames, 3, 3)).astype(np.float32)
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


def test_long_clips_become_the_tiles_the_completion_restores():
    """Clips of the recognizer's 10 frames, window 4: tiles at 0, 4 and 6
    (the last aligned to the end), each with its sample's id."""
    data = ClipDataset(['low', 'a'], clips=1, frames=10)
    bank = build_skeleton_bank(data, 'coco17', coord_dims=2, window=4)
    clip = data[1]['inputs'][0, 0, ..., :2].numpy()
    np.testing.assert_array_equal(bank['windows'],
                                  [clip[0:4], clip[4:8], clip[6:10]])
    assert bank['sample_ids'].tolist() == [sample_key('a')] * 3
    assert bank['window'] == 4
    with pytest.raises(ValueError, match='shorter than the window of 12'):
        build_skeleton_bank(data, 'coco17', coord_dims=2, window=12)


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


def test_the_tool_banks_the_train_split_only_with_sample_ids(tmp_path):
    """``tools/data/build_skeleton_bank.py`` on the demo's completion config:
    windows of every train sample and of no test sample, each with its
    sample's id, written where ``--out`` says; a completion loading it
    never prompts a train sample with its own windows."""
    import os.path as osp
    import pickle
    import subprocess
    import sys

    from mmfine.models.finetec import ContextAwareCompletion
    from mmfine.testing import ROOT, tiny_skeleton_data
    ann = tiny_skeleton_data(str(tmp_path / 'data.pkl'))
    out = str(tmp_path / 'bank.pkl')
    config = osp.join(ROOT, 'configs', 'demo',
                      'completion_mlp_1xb64-600i_fine-skeleton-coco17-2d.py')
    subprocess.run([
        sys.executable, osp.join(ROOT, 'tools', 'data',
                                 'build_skeleton_bank.py'), config, '--out',
        out, '--passes', '1', '--cfg-options',
        f'train_dataloader.dataset.ann_file={ann}'
    ], check=True, cwd=ROOT, capture_output=True)
    with open(ann, 'rb') as f:
        data = pickle.load(f)
    with open(out, 'rb') as f:
        bank = pickle.load(f)
    train = {sample_key(name) for name in data['split']['train']}
    test = {sample_key(name) for name in data['split']['test']}
    assert set(bank['sample_ids'].tolist()) == train
    assert not train & test
    assert bank['windows'].shape[1:] == (16, 17, 2)
    completion = ContextAwareCompletion(layout='coco17', num_joints=17,
                                        bank_file=out)
    query = torch.as_tensor(bank['windows'][:4])
    keep = torch.ones(4, 16)
    keep[:, 5:9] = 0
    ids = torch.as_tensor(bank['sample_ids'][:4])
    windows = completion.bank_windows.numpy()
    k = keep[..., None, None]
    centre, scale = frame_of_reference(query * k, keep)
    normed = (query - centre) / scale * k  # as complete_windows gives it
    rng = np.random.default_rng(0)
    for _ in range(5):
        prompts = completion.retrieve(normed, keep, ids, rng).numpy()
        for prompt, own in zip(prompts, ids.tolist()):
            index = np.flatnonzero(
                np.abs(windows - prompt).reshape(len(windows), -1).max(1)
                < 1e-6)
            assert own not in bank['sample_ids'][index].tolist()
