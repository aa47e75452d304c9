from unittest import mock

import numpy as np
import pytest
from mmengine.logging import MMLogger

from mmfine.datasets import CheckedVideoDataset
from mmfine.datasets.synthetic_motion_videos import render_video, write_video


def write_list(path, lines):
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def test_unknown_class_in_unlabeled_list_names_the_line(tmp_path):
    ann = write_list(tmp_path / 'u.txt', ['a.mp4', 'b.mp4 2', 'c.mp4 7'])
    with pytest.raises(ValueError, match=r'u.txt:3: label 7 .*not a known'):
        CheckedVideoDataset(ann, [], num_classes=5, labels='optional',
                            missing='ignore')
    ok = write_list(tmp_path / 'ok.txt', ['a.mp4', 'b.mp4 2'])
    ds = CheckedVideoDataset(ok, [], num_classes=5, labels='optional',
                             missing='ignore')
    assert [d['label'] for d in ds] == [-1, 2]


def test_labeled_split_missing_classes_warns_with_the_list(tmp_path):
    ann = write_list(tmp_path / 'l.txt', ['a.mp4 0', 'b.mp4 2'])
    logger = MMLogger.get_current_instance()
    with mock.patch.object(logger, 'log') as log:
        CheckedVideoDataset(ann, [], num_classes=4, missing='ignore')
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
