"""The tracker demo without the shared data: a generated mannequin raising
its left arm, whose arm parts move and whose legs stay still; the demo
says which video it used and writes its files. Bad input to the tool."""
import json

import numpy as np
import pytest

from mmfine.apis import tracker_demo
from mmfine.testing import import_tool


def test_generated_clip_when_no_real_video(tmp_path, monkeypatch):
    monkeypatch.setenv('MMFINE_SHARED_DATA', str(tmp_path / 'absent'))
    result = tracker_demo.run_tracker_demo(str(tmp_path / 'work'))
    assert 'generated mannequin clip' in result.headline['video']
    work = tmp_path / 'work'
    for name in ('descriptors.json', 'captions.json', 'overlay.mp4',
                 'body_parts.png', 'generated_arm_raise.mp4'):
        assert (work / name).stat().st_size > 0, name
    descriptors = json.loads((work / 'descriptors.json').read_text())
    assert descriptors['num_frames'] == 48

    def mean_speed(part):
        v = np.array([f['vector'] for f in descriptors[part]])
        return np.linalg.norm(v, axis=1).mean()

    # only the left arm moves: it leads, the legs and feet are still
    top = result.headline['most active parts'].split(', ')
    assert set(top) == {'Left_Hand', 'Left_Lower_Arm', 'Left_Upper_Arm'}
    for side in ('Left', 'Right'):
        for part in ('Upper_Leg', 'Lower_Leg', 'Foot'):
            assert mean_speed(f'{side}_{part}') < 0.05 * mean_speed(
                'Left_Hand')
    captions = json.loads((work / 'captions.json').read_text())
    assert 'still' in captions['Right_Foot']
    # the left arm is raised outwards then up: on the image's right
    assert 'it moves right at up to' in captions['Left_Hand']


def test_track_tool_bad_input(tmp_path):
    track = import_tool('track.py')
    (tmp_path / 'broken.mp4').write_bytes(b'not a video')
    with pytest.raises(SystemExit, match='cannot be read'):
        track.main([str(tmp_path / 'broken.mp4'), '--out',
                    str(tmp_path / 'out.json')])
    with pytest.raises(SystemExit, match='no such video'):
        track.main([str(tmp_path / 'absent.mp4'), '--out',
                    str(tmp_path / 'out.json')])
    assert not (tmp_path / 'out.json').exists()
