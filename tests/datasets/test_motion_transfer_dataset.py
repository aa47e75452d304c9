"""Motion-transferability sets: coarse and fine lists joined per video,
the fine-to-coarse hierarchy derived and checked, missing videos named;
the generated benchmark keeps the sets' objects and backgrounds apart."""
import cv2
import numpy as np
import pytest

from mmfine.datasets import MotionTransferDataset
from mmfine.datasets.synthetic_transfer_videos import (COARSE_CLASSES, SETS,
                                                       fine_classes,
                                                       make_transfer_videos,
                                                       render_transfer_video)


def write(path, lines):
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def touch(root, names):
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b'')


def dataset(tmp_path, coarse, fine, **kwargs):
    return MotionTransferDataset(
        write(tmp_path / 'c.txt', coarse), [],
        num_classes=2,
        fine_ann_file=write(tmp_path / 'f.txt', fine),
        data_prefix=dict(video=str(tmp_path)),
        **kwargs)


def test_fine_labels_and_hierarchy_come_from_the_lists(tmp_path):
    touch(tmp_path, ['up/a.mp4', 'up/b.mp4', 'down/c.mp4'])
    data = dataset(tmp_path, ['up/a.mp4 0', 'up/b.mp4 0', 'down/c.mp4 1'],
                   ['down/c.mp4 2', 'up/a.mp4 0', 'up/b.mp4 1'])
    assert [(d['label'], d['fine_label']) for d in data] == [(0, 0), (0, 1),
                                                             (1, 2)]
    assert data.fine_to_coarse == [0, 0, 1]
    assert data.num_fine_classes == 3
    # the same file written another way in the fine list
    same = dataset(tmp_path, ['up/a.mp4 0', 'up/b.mp4 0', 'down/c.mp4 1'],
                   ['./down/c.mp4 2', 'up//a.mp4 0', 'up/b.mp4 1'])
    assert [d['fine_label'] for d in same] == [0, 1, 2]
    coarse_only = MotionTransferDataset(
        str(tmp_path / 'c.txt'), [],
        num_classes=2,
        data_prefix=dict(video=str(tmp_path)))
    assert [d['fine_label'] for d in coarse_only] == [-1, -1, -1]


def test_inconsistent_lists_are_named(tmp_path):
    touch(tmp_path, ['a.mp4', 'b.mp4', 'c.mp4'])
    coarse = ['a.mp4 0', 'b.mp4 1', 'c.mp4 1']
    with pytest.raises(
            ValueError, match='fine class 0 is under coarse '
            'classes 0 and 1'):
        dataset(tmp_path, coarse, ['a.mp4 0', 'b.mp4 0', 'c.mp4 1'])
    with pytest.raises(ValueError, match='c.mp4 is in .* but not in'):
        dataset(tmp_path, coarse, ['a.mp4 0', 'b.mp4 1'])
    with pytest.raises(ValueError, match=r'fine classes \[1\] have no video'):
        dataset(tmp_path, coarse, ['a.mp4 0', 'b.mp4 2', 'c.mp4 2'])
    with pytest.raises(
            ValueError, match=r"\['b.mp4'\] are in .*f.txt but "
            'not in'):
        dataset(tmp_path, ['a.mp4 0', 'c.mp4 1'],
                ['a.mp4 0', 'b.mp4 1', 'c.mp4 1'])
    with pytest.raises(ValueError, match='listed twice'):
        dataset(tmp_path, coarse, ['a.mp4 0', 'b.mp4 1', 'c.mp4 1', 'a.mp4 0'])
    with pytest.raises(ValueError, match=r'f.txt:2: label 3 .*0..2'):
        dataset(
            tmp_path,
            coarse, ['a.mp4 0', 'b.mp4 3', 'c.mp4 1'],
            num_fine_classes=3)
    with pytest.raises(ValueError, match=r'c.txt:1: label 5'):
        dataset(tmp_path, ['a.mp4 5'], ['a.mp4 0'])


def test_missing_videos_are_named_or_skipped(tmp_path):
    touch(tmp_path, ['a.mp4'])
    lines = ['a.mp4 0', 'gone.mp4 1']
    with pytest.raises(FileNotFoundError, match=r"1 of 2 .*gone.mp4"):
        dataset(tmp_path, lines, ['a.mp4 0', 'gone.mp4 1'])
    kept = MotionTransferDataset(
        write(tmp_path / 'c.txt', lines), [],
        num_classes=2,
        data_prefix=dict(video=str(tmp_path)),
        missing='skip')
    assert [d['filename'] for d in kept] == [str(tmp_path / 'a.mp4')]


def test_generated_sets_share_motions_not_objects_or_scenery(tmp_path):
    make_transfer_videos(str(tmp_path), dict(train=2, val=1), frames=8)
    for set_id in SETS:
        for split, count in (('train', 2), ('val', 1)):
            data = MotionTransferDataset(
                str(tmp_path / f'{split}_set{set_id}_coarse.txt'), [],
                num_classes=len(COARSE_CLASSES),
                fine_ann_file=str(tmp_path / f'{split}_set{set_id}_fine.txt'),
                data_prefix=dict(video=str(tmp_path)))
            assert len(data) == count * len(fine_classes(set_id))
            assert data.fine_to_coarse == [c for c in range(6) for _ in '12']
            assert all(f'set{set_id}/' in d['filename'] for d in data)
    assert not set(SETS[1]['objects']) & set(SETS[2]['objects'])
    assert SETS[1]['background'] != SETS[2]['background']
    # the same coarse motion in either set: the object travels the same way
    for coarse, axis, sign in ((0, 0, 1), (1, 0, -1), (2, 1, 1), (3, 1, -1)):
        for set_id in SETS:
            video = render_transfer_video(set_id, 2 * coarse, 8, 32,
                                          np.random.default_rng(0))
            moving = np.abs(video.astype(int) - video[:1]).sum(3) > 150
            first, last = [
                np.argwhere(m).mean(0)
                for m in (video[0].max(2) > 140, video[-1].max(2) > 140)
            ]
            assert moving.any()
            assert sign * (last[1 - axis] - first[1 - axis]) > 5


def test_fine_classes_by_manner_move_differently():
    assert fine_classes(1, 'manner')[:2] == ['steady moves right',
                                             'wavy moves right']
    assert fine_classes(2, 'manner')[:2] == ['accelerating moves right',
                                             'zigzag moves right']
    with pytest.raises(ValueError, match='fine_kind must be one of'):
        fine_classes(1, 'colour')

    def path(set_id, fine_id):
        video = render_transfer_video(set_id, fine_id, 16, 32,
                                      np.random.default_rng(3), 'manner')
        return np.array([np.argwhere(f.max(2) > 140).mean(0) for f in video])

    steady, wavy = path(1, 0), path(1, 1)  # moves right: x is axis 1
    accelerating = path(2, 0)
    # steady: even steps; accelerating: slow first half, fast second half
    steps = np.diff(accelerating[:, 1])
    assert steps[:7].sum() < 0.5 * steps[8:].sum()
    assert np.ptp(np.diff(steady[:, 1])) < 1.5
    # wavy: the object swings across its path (y), steady does not
    assert np.ptp(wavy[:, 0]) > 3 and np.ptp(steady[:, 0]) < 1.5


@pytest.mark.parametrize('fine_kind, hue_classes', [
    ('object', [6, 7]),  # each object class of "grows" its own hue
    ('manner', [6, 6]),  # both manners of "grows" the motion's hue
])
def test_the_context_hue_follows_what_the_fine_label_adds(
        monkeypatch, fine_kind, hue_classes):
    """The hue is a context cue: with fine classes by object it goes with
    the fine class; with fine classes by manner it goes with the coarse
    motion, so it cannot tell the manners of one motion apart."""
    import mmfine.datasets.synthetic_transfer_videos as generator
    asked = []
    real = generator.fine_hue

    def record(set_id, fine_id):
        asked.append(fine_id)
        return real(set_id, fine_id)

    monkeypatch.setattr(generator, 'fine_hue', record)
    monkeypatch.setattr(generator, 'HUE_BIAS', 1.0)  # the cue every time
    for fine_id in (6, 7):
        render_transfer_video(1, fine_id, 4, 32, np.random.default_rng(0),
                              fine_kind)
    assert asked == hue_classes


def test_fine_classes_by_direction_share_the_axis_hue(monkeypatch, tmp_path):
    """Fine classes by direction: the coarse classes are the three axes,
    the fine classes the six motions in both sets, and the context hue goes
    with the axis (set 2 takes the next axis's hue), so it cannot tell the
    two directions of an axis apart."""
    import mmfine.datasets.synthetic_transfer_videos as generator
    assert fine_classes(1, 'direction') == fine_classes(2, 'direction') == \
        list(COARSE_CLASSES)
    make_transfer_videos(str(tmp_path), dict(train=1), frames=4,
                         fine_kind='direction')
    data = MotionTransferDataset(
        str(tmp_path / 'train_set2_coarse.txt'), [],
        num_classes=len(generator.AXES),
        fine_ann_file=str(tmp_path / 'train_set2_fine.txt'),
        data_prefix=dict(video=str(tmp_path)))
    assert data.fine_to_coarse == [0, 0, 1, 1, 2, 2]

    def object_hue(set_id, fine_id):
        video = render_transfer_video(set_id, fine_id, 4, 32,
                                      np.random.default_rng(fine_id),
                                      'direction')
        pixels = video[video.max(3) > 140]
        hsv = cv2.cvtColor(pixels[None].astype(np.uint8), cv2.COLOR_BGR2HSV)
        angle = hsv[0, :, 0] / 180 * 2 * np.pi
        return np.angle(np.exp(1j * angle).mean()) / (2 * np.pi) * 180 % 180

    monkeypatch.setattr(generator, 'HUE_BIAS', 1.0)  # the cue every time
    for set_id in SETS:
        for fine_id in range(6):
            expected = 60.0 * ((fine_id // 2 + set_id - 1) % 3)
            error = (object_hue(set_id, fine_id) - expected + 90) % 180 - 90
            assert abs(error) < 8, (set_id, fine_id)
    # the object moves in its fine class's direction: right, then left
    for fine_id, sign in ((0, 1), (1, -1)):
        video = render_transfer_video(1, fine_id, 8, 32,
                                      np.random.default_rng(0), 'direction')
        first, last = [np.argwhere(f.max(2) > 140).mean(0)
                       for f in (video[0], video[-1])]
        assert sign * (last[1] - first[1]) > 5
