from unittest import mock

import numpy as np
import pytest
from mmengine.dataset import ConcatDataset
from mmengine.logging import MMLogger

from mmfine.datasets import CheckedVideoDataset
from mmfine.datasets.samplers import SemiSupervisedSampler
from mmfine.datasets.semi_supervised_split import split_labeled
from mmfine.datasets.synthetic_motion_videos import render_video, write_video


class Sized:

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


def concat(labeled=10, unlabeled=50):
    ds = ConcatDataset.__new__(ConcatDataset)
    ds.datasets = [Sized(labeled), Sized(unlabeled)]
    return ds


def sampler_for(rank, world, **kwargs):
    with mock.patch(
            'mmfine.datasets.samplers.semi_supervised_sampler.get_dist_info',
            return_value=(rank, world)):
        return SemiSupervisedSampler(concat(), batch_size=8, seed=3,
                                     **kwargs)


def test_batch_composition_under_two_ranks():
    batches = {}
    for rank in (0, 1):
        s = sampler_for(rank, 2)
        s.set_epoch(1)
        idx = list(s)
        assert len(idx) == len(s) == 4 * 8  # 25 unlabelled per rank / 6
        batches[rank] = [idx[i:i + 8] for i in range(0, len(idx), 8)]
        for batch in batches[rank]:
            assert all(i < 10 for i in batch[:2])  # 1:3
            assert all(i >= 10 for i in batch[2:])
    unl = [i for r in (0, 1) for b in batches[r] for i in b[2:]]
    assert len(unl) == len(set(unl))  # the ranks never share a sample
    again = sampler_for(0, 2)
    again.set_epoch(1)
    assert [list(again)[i:i + 8] for i in range(0, 32, 8)] == batches[0]
    again.set_epoch(2)
    assert list(again) != [i for b in batches[0] for i in b]


def test_sampler_refuses_a_batch_that_does_not_split():
    with pytest.raises(ValueError, match='split exactly'):
        SemiSupervisedSampler(concat(), batch_size=6, source_ratio=(1, 3),
                              seed=0)
    with pytest.raises(TypeError, match='ConcatDataset'):
        SemiSupervisedSampler(Sized(4), batch_size=8, seed=0)


def test_split_is_stratified_and_reproducible():
    lines = [f'v{i}.mp4 {i % 4}' for i in range(200)]
    labeled, unlabeled = split_labeled(lines, 10, seed=5)
    assert len(labeled) == 20 and len(unlabeled) == 180
    assert sorted(int(line.split()[1]) for line in labeled) == sorted(
        [c for c in range(4) for _ in range(5)])
    assert set(labeled).isdisjoint(unlabeled)
    assert split_labeled(lines, 10, seed=5) == (labeled, unlabeled)
    assert split_labeled(lines, 10, seed=6)[0] != labeled
    with pytest.raises(ValueError, match='line 2'):
        split_labeled(['a.mp4 1', 'b.mp4 x'], 50)


def write_list(path, lines):
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def test_unknown_class_in_unlabeled_list_names_the_line(tmp_path):
    ann = write_list(tmp_path / 'u.txt', ['a.mp4', 'b.mp4 2', 'c.mp4 7'])
    with pytest.raises(ValueError, match=r'u.txt:3: label 7 .*not a known'):
        CheckedVideoDataset(ann, [], num_classes=5, labels='optional')
    ok = write_list(tmp_path / 'ok.txt', ['a.mp4', 'b.mp4 2'])
    ds = CheckedVideoDataset(ok, [], num_classes=5, labels='optional')
    assert [d['label'] for d in ds] == [-1, 2]


def test_labeled_split_missing_classes_warns_with_the_list(tmp_path):
    ann = write_list(tmp_path / 'l.txt', ['a.mp4 0', 'b.mp4 2'])
    logger = MMLogger.get_current_instance()
    with mock.patch.object(logger, 'log') as log:
        CheckedVideoDataset(ann, [], num_classes=4)
    messages = ' '.join(str(c.args) for c in log.call_args_list)
    assert '[1, 3]' in messages and '2 of 4 classes' in messages
    with pytest.raises(ValueError, match='has no label'):
        CheckedVideoDataset(write_list(tmp_path / 'n.txt', ['a.mp4']), [],
                            num_classes=4)


def test_unreadable_video_is_named_or_skipped(tmp_path):
    write_video(str(tmp_path / 'good.mp4'),
                render_video(0, 12, 32, np.random.default_rng(0)))
    (tmp_path / 'bad.mp4').write_bytes(b'not a video')
    ann = write_list(tmp_path / 'l.txt', ['bad.mp4 0', 'good.mp4 1'])
    pipeline = [dict(type='DecordInit'),
                dict(type='DualLevelSampleFrames', elements=[2, 2, 4]),
                dict(type='DecordDecode')]
    strict = CheckedVideoDataset(ann, pipeline, num_classes=2,
                                 data_prefix=dict(video=str(tmp_path)))
    with pytest.raises(RuntimeError, match='bad.mp4: cannot be read'):
        strict[0]
    assert len(strict[1]['imgs']) == 8
    lenient = CheckedVideoDataset(ann, pipeline, num_classes=2,
                                  on_error='skip',
                                  data_prefix=dict(video=str(tmp_path)))
    assert lenient[0]['filename'].endswith('good.mp4')  # another sample
