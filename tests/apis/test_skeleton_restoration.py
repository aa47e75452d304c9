"""Filling the frames where pose estimation lost the subject
(``extract_skeletons.py --restore``): only gaps inside the detected span
are filled, detected frames never change, the fill is the completion's
(here checked against an independent interpolation and against the module
itself), and bad checkpoints or layouts are refused."""
import numpy as np
import pytest
import torch
from mmengine.config import Config

from mmfine.apis.skeleton_restoration import (blank_detections, gap_windows,
                                              load_completion, restorable_gaps,
                                              restoration_errors,
                                              restore_annotation)
from mmfine.structures import linear_interpolation
from mmfine.testing import import_tool
from mmfine.utils import dump_pickle_atomic, safe_load_pickle

COMPLETION_CFG = dict(
    type='SkeletonCompletionModel',
    completion=dict(
        type='ContextAwareCompletion', layout='coco17', num_joints=17,
        coord_dims=2, window=8, num_blocks=2))


def save_completion(path, with_cfg=True, perturb=False):
    """A randomly initialised completion saved as mmengine's Runner saves
    checkpoints (``meta['cfg']`` holds the config text)."""
    from mmaction.registry import MODELS
    torch.manual_seed(0)
    model = MODELS.build(COMPLETION_CFG)
    if perturb:  # a restoration visibly different from the prior
        torch.nn.init.normal_(model.completion.network.head.weight, std=0.5)
    meta = dict(cfg=Config(dict(model=COMPLETION_CFG)).pretty_text) \
        if with_cfg else {}
    torch.save(dict(state_dict=model.state_dict(), meta=meta), path)
    return model.completion.eval()


def annotation(frames=30, lost=(), people=1, layout='coco17'):
    """Keypoints on smooth, curved paths in a 320x240 image; ``lost``
    frames are zero (as the extractor writes them)."""
    t = np.arange(frames, dtype=np.float32)[:, None]
    joints = np.arange(17, dtype=np.float32)[None]
    x = 160 + 60 * np.sin(0.2 * t + 0.3 * joints)
    y = 120 + 40 * np.cos(0.15 * t + 0.2 * joints)
    kp = np.stack([x, y], -1)[None].repeat(people, 0)
    score = np.full(kp.shape[:3], 0.9, np.float32)
    lost = list(lost)
    kp[:, lost] = 0
    score[:, lost] = 0
    ann = dict(frame_dir='v', img_shape=(240, 320), total_frames=frames,
               keypoint=kp.astype(np.float32), keypoint_score=score)
    if layout:
        ann['layout'] = layout
    return ann


def test_only_gaps_inside_the_detected_span_up_to_max_gap():
    detected = np.ones(20, bool)
    detected[[0, 1, 5, 9, 10, 11, 12, 19]] = False
    score = detected[:, None].astype(float).repeat(3, 1)
    expected = np.zeros(20, bool)
    expected[[5, 9, 10, 11, 12]] = True
    assert (restorable_gaps(score, 4) == expected).all()
    expected[9:13] = False  # a gap of 4 is longer than 3
    assert (restorable_gaps(score, 3) == expected).all()


def test_each_gap_gets_a_window_centred_on_it():
    row = np.zeros(30, bool)
    row[[1, 2, 14, 15, 16, 27]] = True
    assert list(gap_windows(row[None], 8)) == [(0, 0, 1, 3), (0, 12, 14, 17),
                                               (0, 22, 27, 28)]
    assert list(gap_windows(row[None, :6], 8)) == [(0, None, 1, 3)]
    assert list(gap_windows(row[None], None))[0] == (0, None, 1, 3)


class SpyCompletion:
    """Records what a completion is given; fills by interpolation."""
    layout, num_joints, coord_dims, window = 'coco17', 17, 2, 8

    def __init__(self):
        self.calls = []

    def __call__(self, seq, keep, *ids):
        self.calls.append((seq.clone(), keep.clone(), ids))
        return linear_interpolation(seq, keep)


def test_the_completion_sees_each_gap_with_a_detection_on_each_side():
    from mmfine.structures import sample_key
    spy = SpyCompletion()
    lost = [1, 2, 9, 10, 11, 12, 13, 14, 27]
    out = restore_annotation(annotation(lost=lost), spy)
    assert out['restored'][0].sum() == len(lost)
    assert len(spy.calls) == 3
    for seq, keep, ids in spy.calls:
        assert seq.shape == (1, 8, 17, 2)
        assert keep[0, 0] == 1 and keep[0, -1] == 1  # detected both ends
        # never prompted by a bank window of this video
        assert ids[0].tolist() == [sample_key('v')]
    with pytest.raises(ValueError, match=r'max_gap must lie in \[1, 6\]'):
        restore_annotation(annotation(lost=[3]), spy, max_gap=7)
    # a 7-frame gap is longer than the default (window - 2) and stays lost
    out = restore_annotation(annotation(lost=range(5, 12)), spy)
    assert not out['restored'].any()
    # a video shorter than the window is completed whole
    spy.calls.clear()
    out = restore_annotation(annotation(frames=6, lost=[2, 3]), spy)
    assert out['restored'][0].tolist() == [0, 0, 1, 1, 0, 0]
    assert spy.calls[0][0].shape == (1, 6, 17, 2)


def test_interpolation_fill_equals_an_independent_interpolation():
    lost = [4, 5, 6, 12]
    ann = annotation(lost=lost + [0, 29])
    out = restore_annotation(ann, linear_interpolation)
    assert out['restored'][0].tolist() == [t in lost for t in range(30)]
    kept = [t for t in range(1, 29) if t not in lost]
    for j in range(17):
        for c in range(2):
            want = np.interp(lost, kept, ann['keypoint'][0, kept, j, c])
            np.testing.assert_allclose(
                out['keypoint'][0, lost, j, c], want, rtol=1e-5)
    # detected frames and the frames outside the span are as they were
    np.testing.assert_array_equal(
        np.delete(out['keypoint'], lost, 1),
        np.delete(ann['keypoint'], lost, 1))
    np.testing.assert_array_equal(out['keypoint_score'],
                                  ann['keypoint_score'])
    assert not ann['keypoint'][0, lost].any()  # the input is not modified


def test_the_fill_is_the_completion_on_a_window_centred_on_the_gap(tmp_path):
    module = save_completion(tmp_path / 'c.pth', perturb=True)
    completion = load_completion(str(tmp_path / 'c.pth'))
    lost = [6, 7, 8]  # across the edge of the tiles [0, 8), [8, 16)
    ann = annotation(lost=lost, people=2)
    ann['keypoint'][1] = 0  # the second person is absent
    ann['keypoint_score'][1] = 0
    out = restore_annotation(ann, completion)
    assert out['restored'][0].sum() == 3 and not out['restored'][1].any()
    half = np.array([160, 120], np.float32)
    keep = torch.from_numpy(ann['keypoint_score'][:1].any(-1) * 1.0).float()
    seq = torch.from_numpy((ann['keypoint'][:1] - half) / half)
    with torch.no_grad():  # frames 4..11: the gap with 2 observed each side
        want = module(seq[:, 4:12], keep[:, 4:12]).numpy() * half + half
    np.testing.assert_allclose(
        out['keypoint'][0, lost], want[0, 2:5], rtol=1e-4, atol=1e-3)
    interp = restore_annotation(ann, linear_interpolation)['keypoint']
    assert np.abs(out['keypoint'][0, lost] - interp[0, lost]).mean() > 1
    np.testing.assert_array_equal(out['keypoint'][1], 0)


def test_bad_checkpoints_and_layouts_are_refused(tmp_path):
    with pytest.raises(FileNotFoundError, match='pre-train one'):
        load_completion(str(tmp_path / 'missing.pth'))
    save_completion(tmp_path / 'bare.pth', with_cfg=False)
    with pytest.raises(ValueError, match='--restore-config'):
        load_completion(str(tmp_path / 'bare.pth'))
    recognizer = tmp_path / 'rec.pth'
    torch.save(
        dict(state_dict={}, meta=dict(cfg=Config(dict(model=dict(
            type='RecognizerGCN'))).pretty_text)), recognizer)
    with pytest.raises(ValueError, match='not a completion'):
        load_completion(str(recognizer))
    completion = save_completion(tmp_path / 'c.pth')
    with pytest.raises(ValueError, match="layout 'h36m17'"):
        restore_annotation(
            annotation(lost=[3], layout='h36m17'), completion)
    ann = annotation(lost=[3], layout=None)
    ann['keypoint'] = ann['keypoint'][:, :, :13]
    ann['keypoint_score'] = ann['keypoint_score'][:, :, :13]
    with pytest.raises(ValueError, match=r'\(17, 2\)'):
        restore_annotation(ann, completion)
    with pytest.raises(ValueError, match='max_gap'):
        restore_annotation(annotation(lost=[3]), completion, max_gap=0)
    ann = annotation(lost=[3])
    ann['keypoint'] = np.concatenate(
        [ann['keypoint'], ann['keypoint'][..., :1]], -1)
    with pytest.raises(ValueError, match=r'2D keypoints \(M, T, V, 2\)'):
        restore_annotation(ann, linear_interpolation)
    ann = annotation(lost=[3])
    del ann['img_shape']
    with pytest.raises(ValueError, match='no img_shape'):
        restore_annotation(ann, completion)


def test_blanking_is_seeded_and_only_inside_the_detected_span():
    ann = annotation(frames=60, lost=[0, 1, 30, 59])
    blank = blank_detections(ann, 0.3, seed=0)
    assert not blank[[0, 1, 2, 30, 58, 59]].any()
    assert 10 <= blank.sum() <= 18
    assert (blank == blank_detections(ann, 0.3, seed=0)).all()
    assert (blank != blank_detections(ann, 0.3, seed=1)).any()


def test_every_restorer_is_scored_on_the_same_frames_and_joints(tmp_path):
    completion = save_completion(tmp_path / 'c.pth', perturb=True)
    lost = list(range(30, 37))  # a natural gap of 7: too long for window 8
    ann = annotation(frames=60, lost=lost)
    ann['keypoint_score'][0, :, 3] = 0.2  # a joint placed, not seen
    result = restoration_errors(
        ann, dict(completion=completion, interpolation=linear_interpolation),
        0.3, seed=2, min_score=0.5)
    frames = result['frames']
    blank = blank_detections(ann, 0.3, seed=2)
    assert len(frames) and blank[frames].all()
    assert not set(frames) & set(lost)
    # blanked frames that joined the natural gap into one longer than 6
    # (window 8 - 2) are restored by neither
    merged = ~ann['keypoint_score'][0].any(-1) | blank
    for t in np.flatnonzero(blank):
        lo, hi = t, t
        while lo > 0 and merged[lo - 1]:
            lo -= 1
        while hi < 59 and merged[hi + 1]:
            hi += 1
        assert (t in frames) == (hi - lo + 1 <= 6)
    for name in ('completion', 'interpolation'):
        errors = result['errors'][name]
        assert errors.shape == (len(frames), 17)
        assert np.isnan(errors[:, 3]).all()
        assert not np.isnan(np.delete(errors, 3, 1)).any()
        want = np.linalg.norm(
            result['restored'][name][frames] - ann['keypoint'][0, frames],
            axis=-1)
        np.testing.assert_allclose(np.delete(errors, 3, 1),
                                   np.delete(want, 3, 1), rtol=1e-5)
    assert np.nanmean(result['errors']['interpolation']) > 0


def test_both_restorers_get_the_same_input():
    first, second = SpyCompletion(), SpyCompletion()
    restoration_errors(annotation(frames=60), dict(a=first, b=second), 0.3,
                       seed=1)
    assert len(first.calls) == len(second.calls) > 0
    for (s1, k1, _), (s2, k2, _) in zip(first.calls, second.calls):
        assert torch.equal(s1, s2) and torch.equal(k1, k2)


def test_the_tool_restores_at_the_merge(tmp_path):
    tool = import_tool('data/extract_skeletons.py')
    save_completion(tmp_path / 'c.pth', perturb=True)
    work = tmp_path / 'videos'
    ann = dict(annotation(lost=[0, 5, 6]), frame_dir='a', label=0,
               original_shape=(240, 320))
    dump_pickle_atomic(ann, str(work / 'a.pkl'))
    (tmp_path / 'list.txt').write_text('a.mp4 0\n')
    out = tmp_path / 'out.pkl'
    args = [
        '--video-root',
        str(tmp_path), '--list', f'train:{tmp_path}/list.txt', '--out',
        str(out), '--work-dir',
        str(work), '--merge-only'
    ]
    tool.main(args + ['--restore', str(tmp_path / 'c.pth')])
    restored = safe_load_pickle(str(out))['annotations'][0]
    assert restored['restored'][0].tolist() == [
        t in (5, 6) for t in range(30)
    ]
    want = restore_annotation(ann, load_completion(str(tmp_path / 'c.pth')))
    np.testing.assert_allclose(restored['keypoint'], want['keypoint'])
    np.testing.assert_array_equal(  # detected frames as detected
        np.delete(restored['keypoint'], [5, 6], 1),
        np.delete(ann['keypoint'], [5, 6], 1))
    np.testing.assert_array_equal(restored['keypoint_score'],
                                  ann['keypoint_score'])
    assert not restored['keypoint'][0, 0].any()  # before the first detection
    # the per-video result stays as detected
    assert not safe_load_pickle(str(work / 'a.pkl'))['keypoint'][0, 5].any()
    with pytest.raises(SystemExit, match='not found'):
        tool.main(args + ['--restore', str(tmp_path / 'none.pth')])
    with pytest.raises(SystemExit, match=r'max_gap must lie in \[1, 6\]'):
        tool.main(args + ['--restore', str(tmp_path / 'c.pth'),
                          '--max-gap', '7'])
    with pytest.raises(SystemExit):  # --max-gap without --restore
        tool.main(args + ['--max-gap', '3'])
    save_completion(tmp_path / 'bare.pth', with_cfg=False)
    config = tmp_path / 'completion.py'
    config.write_text(Config(dict(model=COMPLETION_CFG)).pretty_text)
    tool.main(args + ['--restore', str(tmp_path / 'bare.pth'),
                      '--restore-config', str(config)])
    assert safe_load_pickle(str(out))['annotations'][0]['restored'].sum() == 2
    dump_pickle_atomic(dict(ann, layout='h36m17', frame_dir='a', label=0),
                       str(work / 'a.pkl'))
    with pytest.raises(SystemExit, match="layout 'h36m17'"):
        tool.main(args + ['--restore', str(tmp_path / 'c.pth')])
    # checked before extraction: the completion is COCO-17
    extract = [a for a in args if a != '--merge-only']
    with pytest.raises(SystemExit, match='restores coco17 keypoints, the '
                       'extraction writes mediapipe33'):
        tool.main(extract + ['--restore', str(tmp_path / 'c.pth'),
                             '--layout', 'mediapipe33'])


def test_the_comparison_tool_reports_both_restorers(tmp_path, monkeypatch,
                                                    capsys):
    import json
    import sys
    tool = import_tool('analysis/restore_detections.py')
    save_completion(tmp_path / 'c.pth', perturb=True)
    anns = [
        dict(annotation(frames=60, lost=[20]), frame_dir=name)
        for name in ('a', 'b')
    ]
    dump_pickle_atomic(
        dict(annotations=anns, split=dict(val=['b'], train=['a'])),
        str(tmp_path / 'poses.pkl'))
    monkeypatch.setattr(sys, 'argv', [
        'x', str(tmp_path / 'poses.pkl'),
        str(tmp_path / 'c.pth'), '--split', 'val', '--work-dir',
        str(tmp_path / 'out')
    ])
    tool.main()
    printed = capsys.readouterr().out
    summary = json.loads((tmp_path / 'out' / 'restore_detections.json'
                          ).read_text())
    assert summary['ratio'] == pytest.approx(
        summary['mean_px']['completion'] /
        summary['mean_px']['interpolation'])
    assert printed.strip().endswith(f"{summary['ratio']:.2f}x")
    assert '│ b ' in printed and '│ a ' not in printed
    assert (tmp_path / 'out' / 'restored_trajectory.png').stat().st_size
