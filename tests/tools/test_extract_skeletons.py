"""tools/data/extract_skeletons.py on real videos with MediaPipe: two
ranks through tools/dist_extract.sh give the same pickle as two worker
processes in one run; a bad video is reported, the others kept."""
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from mmfine.apis import skeleton_extraction as se
from mmfine.testing import ROOT, import_tool, shared_dataset
from mmfine.utils import safe_load_pickle


def tool():
    return import_tool('data/extract_skeletons.py')


def test_one_name_for_two_videos_is_an_error():
    splits = dict(
        train=[se.VideoItem('a', '/v/a.mp4', 0)],
        val=[se.VideoItem('a', '/v/a.avi', 0),
             se.VideoItem('b', '/v/b.mp4', 1)])
    with pytest.raises(ValueError, match="'a' names both"):
        tool().unique_videos(splits)
    same = dict(train=splits['train'], val=splits['train'] + splits['val'][1:])
    assert [i.name for i in tool().unique_videos(same)] == ['a', 'b']


@pytest.mark.realdata
def test_two_ranks_equal_two_workers(tmp_path):
    videos = shared_dataset('videos')
    for name in ('demo_demo_skeleton.mp4', 'demo_ntu_sample.avi'):
        shutil.copy(f'{videos}/{name}', tmp_path / name)
    (tmp_path / 'broken.mp4').write_bytes(b'not a video')
    (tmp_path / 'train.txt').write_text(
        'demo_demo_skeleton.mp4 3\nbroken.mp4 0\n')
    (tmp_path / 'val.txt').write_text('demo_ntu_sample.avi 1\n')
    out = tmp_path / 'out.pkl'
    env = dict(os.environ, PYTHON=sys.executable, PORT='29533')
    run = subprocess.run([
        'bash', f'{ROOT}/tools/dist_extract.sh', '2', '--video-root',
        str(tmp_path), '--list', f'train:{tmp_path}/train.txt', '--list',
        f'val:{tmp_path}/val.txt', '--out',
        str(out)
    ],
                         cwd=ROOT,
                         env=env,
                         capture_output=True,
                         text=True,
                         timeout=300)
    # the broken video makes the exit status non-zero, after the merge
    assert run.returncode != 0, run.stdout + run.stderr
    assert 'missing: broken' in run.stderr
    data = safe_load_pickle(str(out))
    assert data['split'] == dict(
        train=['demo_demo_skeleton'], val=['demo_ntu_sample'])
    # the same videos with two worker processes in one run
    items = se.read_labelled_list(str(tmp_path / 'val.txt'), str(tmp_path))
    items += se.read_labelled_list(str(tmp_path / 'train.txt'),
                                   str(tmp_path))[:1]
    work = str(tmp_path / 'workers')
    result = se.extract_skeletons(
        items, dict(type='MediaPipePose'), work, workers=2, progress=False)
    assert sorted(result.written) == ['demo_demo_skeleton', 'demo_ntu_sample']
    merged, missing = se.merge_skeletons(dict(all=items), work)
    assert not missing
    by_name = {a['frame_dir']: a for a in data['annotations']}
    for ann in merged['annotations']:
        other = by_name[ann['frame_dir']]
        assert ann['keypoint'].shape == other['keypoint'].shape
        assert ann['keypoint'].shape[1] == 72
        assert np.allclose(ann['keypoint'], other['keypoint'], atol=1e-3)
        # the person is found in every frame of these two clips
        assert (ann['keypoint_score'][0].max(-1) > 0).all()


@pytest.mark.realdata
def test_full_mediapipe_landmarks(tmp_path):
    videos = shared_dataset('videos')
    shutil.copy(f'{videos}/demo_ntu_sample.avi', tmp_path / 'clip.avi')
    (tmp_path / 'list.txt').write_text('clip.avi 2\n')
    out = tmp_path / 'out.pkl'
    tool().main([
        '--video-root',
        str(tmp_path), '--list', f'val:{tmp_path}/list.txt', '--out',
        str(out), '--layout', 'mediapipe33'
    ])
    ann = safe_load_pickle(str(out))['annotations'][0]
    assert ann['layout'] == 'mediapipe33' and ann['label'] == 2
    assert ann['keypoint'].shape == (1, 72, 33, 2)
    assert ann['keypoint_score'].shape == (1, 72, 33)
    # hands (pinky, index, thumb) and feet (heel, foot index), beyond
    # COCO-17's wrists and ankles
    scores = ann['keypoint_score'][0]
    assert (scores[:, 17:23] > 0).any(0).all()
    assert (scores[:, 29:33] > 0).any(0).all()
    with pytest.raises(SystemExit):
        tool().parse_args([
            '--video-root', '.', '--list', 'a:b', '--out', 'o.pkl',
            '--layout', 'mediapipe33', '--backend', 'mmpose',
            '--pose-config', 'c.py'
        ])
