"""The Gym-New subset builder: direction-opposite pairs from class names
(simultaneous swaps, "from X to Y", case and spacing), ambiguity and bad
line errors, relabelling in pair order, the tool end to end and the pairs
of the real Gym99 label map."""
import os.path as osp

import pytest

from mmfine.datasets.direction_pairs import (build_direction_subset,
                                             direction_pairs, read_label_map,
                                             swap_directions)
from mmfine.testing import import_tool, shared_dataset

NAMES = [
    '(UB) giant circle backward',  # 0
    '(UB) transition flight from high bar to low bar',  # 1
    '(FX) switch leap with 1 turn',  # 2: no direction word
    '(UB) (swing forward) double salto backward tucked',  # 3
    '(UB)  Giant Circle   FORWARD',  # 4: case and spacing
    '(UB) transition flight from low bar to high bar',  # 5
    '(UB) (swing backward) double salto forward tucked',  # 6
    '(UB) stalder forward with 0.5 turn to handstand',  # 7: no partner
    '(BB) salto backward tucked',  # 8: other apparatus than 9
    '(FX) salto forward tucked',  # 9
    '(UB) (swing forward) double salto forward tucked',  # 10
    '(UB) (swing backward) double salto backward tucked',  # 11
]


def test_pairs_from_names():
    assert direction_pairs(NAMES) == [(0, 4), (1, 5), (3, 6), (10, 11)]


def test_swap_is_simultaneous_and_phrase_wise():
    assert swap_directions(NAMES[3]) == \
        '(ub) (swing backward) double salto forward tucked'
    assert swap_directions('from high bar to low bar with 0.5 turn') == \
        'from low bar to high bar with 0.5 turn'
    # the words of "from X to Y" move with it, not swapped twice
    assert swap_directions('Turn from left to right, then UP') == \
        'turn from right to left, then down'
    assert swap_directions('Counter-Clockwise turn inward') == \
        'clockwise turn outward'
    # word boundaries: "forwards" is its own word, "upper" none
    assert swap_directions('upper forwards') == 'upper backwards'


def test_names_swapping_to_themselves_or_to_no_class_are_not_paired():
    names = ['walk from bar to bar', 'switch leap', 'switch leap',
             'roll forward and backward']
    assert direction_pairs(names) == []


def test_ambiguous_partner_raises_naming_classes():
    names = ['giant circle backward', 'giant circle forward',
             'Giant circle  forward']
    with pytest.raises(ValueError, match=r"0 'giant circle backward' -> 1 "
                       r"'giant circle forward', 2 'Giant circle  forward'"):
        direction_pairs(names)


def test_relabelling_keeps_line_order():
    lines = ['a.mp4 4', 'b.mp4 2', 'c.mp4 0', '', 'd.mp4 6', 'e.mp4 3',
             'f.mp4 5', 'g.mp4 1']
    kept, originals = build_direction_subset(lines, [(0, 4), (3, 6), (1, 5)])
    assert originals == [0, 4, 3, 6, 1, 5]
    assert kept == ['a.mp4 1', 'c.mp4 0', 'd.mp4 3', 'e.mp4 2', 'f.mp4 5',
                    'g.mp4 4']


@pytest.mark.parametrize('line,message', [
    ('x.mp4', r'line 3: expected "path label"'),
    ('x.mp4 1 2', r'line 3: expected "path label"'),
    ('x.mp4 one', r"line 3: label 'one' is not an integer"),
    ('x.mp4 7', r'line 3: label 7 outside the 7 classes'),
])
def test_bad_line_names_its_number(line, message):
    with pytest.raises(ValueError, match=message):
        build_direction_subset(['a.mp4 0', '', line], [(0, 1)], 7)


def test_class_in_two_pairs_raises():
    with pytest.raises(ValueError, match=r'more than one pair: \[1\]'):
        build_direction_subset(['a.mp4 0'], [(0, 1), (1, 2)])


def test_label_map_with_and_without_index_prefix(tmp_path):
    plain = tmp_path / 'plain.txt'
    # numbers that are not the line indices belong to the names
    plain.write_text('2 turn on one leg\n1 turn on one leg\n\n')
    assert read_label_map(str(plain)) == ['2 turn on one leg',
                                          '1 turn on one leg']
    indexed = tmp_path / 'indexed.txt'
    indexed.write_text('0: salto forward\r\n1 salto backward\r\n')
    assert read_label_map(str(indexed)) == ['salto forward',
                                            'salto backward']
    gap = tmp_path / 'gap.txt'
    gap.write_text('a\n\nb\n')
    with pytest.raises(ValueError, match=r'empty line\(s\) \[2\]'):
        read_label_map(str(gap))


def test_tool_end_to_end(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv('COLUMNS', '400')  # rich wraps no message
    label_map = tmp_path / 'label_map.txt'
    label_map.write_text(''.join(f'{name}\n' for name in NAMES))
    (tmp_path / 'train.txt').write_text(
        'v0.mp4 2\nv1.mp4 4\nv2.mp4 0\nv3.mp4 11\nv4.mp4 5\n')
    (tmp_path / 'val.txt').write_text('w0.mp4 6\nw1.mp4 7\n')
    out = tmp_path / 'out'
    import_tool('data/make_direction_pairs.py').main([
        str(label_map), str(tmp_path / 'train.txt'),
        str(tmp_path / 'val.txt'), '--out-dir', str(out), '--name', 'new'
    ])
    assert (out / 'new_label_map.txt').read_text().splitlines() == [
        NAMES[i] for i in (0, 4, 1, 5, 3, 6, 10, 11)]
    assert (out / 'new_pairs.txt').read_text() == '0 4\n1 5\n3 6\n10 11\n'
    assert (out / 'new_train.txt').read_text() == \
        'v1.mp4 1\nv2.mp4 0\nv3.mp4 7\nv4.mp4 3\n'
    assert (out / 'new_val.txt').read_text() == 'w0.mp4 5\n'
    printed = capsys.readouterr().out
    assert 'transition flight from low bar to high bar' in printed
    assert f"new_train.txt: 4 videos of {tmp_path / 'train.txt'} kept, 4 of " \
        'the 8 classes present' in printed
    assert 'new_val.txt: 1 videos of' in printed


def test_tool_without_pairs_or_with_bad_list(tmp_path):
    tool = import_tool('data/make_direction_pairs.py')
    label_map = tmp_path / 'label_map.txt'
    label_map.write_text('switch leap\nstag jump\n')
    (tmp_path / 'train.txt').write_text('v0.mp4 0\n')
    args = [str(label_map), str(tmp_path / 'train.txt'), '--out-dir',
            str(tmp_path / 'out')]
    with pytest.raises(SystemExit, match='no direction-opposite class pair'):
        tool.main(args)
    label_map.write_text('salto forward\nsalto backward\n')
    (tmp_path / 'train.txt').write_text('v0.mp4 0\nv1.mp4\n')
    with pytest.raises(SystemExit, match=r'train.txt: line 2: expected'):
        tool.main(args)
    assert not (tmp_path / 'out').exists()  # nothing written


def test_gym99_label_map_pairs():
    path = osp.join(shared_dataset('videos'),
                    'tools_data_skeleton_label_map_gym99.txt')
    names = read_label_map(path)
    assert len(names) == 99
    pairs = direction_pairs(names)
    # checked by eye against the file (ids are 0-based line numbers)
    assert [(names[i], names[j]) for i, j in pairs] == [
        ('(FX) salto forward stretched with 2 twist',
         '(FX) salto backward stretched with 2 twist'),
        ('(FX) salto forward stretched with 1.5 twist',
         '(FX) salto backward stretched with 1.5 twist'),
        ('(UB) giant circle backward with 0.5 turn to handstand',
         '(UB) giant circle forward with 0.5 turn to handstand'),
        ('(UB) giant circle backward', '(UB) giant circle forward'),
        ('(UB) transition flight from high bar to low bar',
         '(UB) transition flight from low bar to high bar'),
    ]
    assert pairs == [(27, 33), (29, 35), (78, 81), (79, 82), (94, 95)]
