"""Importing the SeFAR authors' split folders: their line format, the
roles of their files, relative paths, and every bad input an error that
names the file, with nothing written."""
import pytest

from mmfine.datasets.sefar_split_import import (SplitImportError, import_split,
                                                read_author_list)
from mmfine.testing import import_tool

CLIP = '/root/video/0LtLS9wROrk_E_002407_002435_A_{:04d}_{:04d}.mp4'


def write_split(folder, lists):
    folder.mkdir(parents=True, exist_ok=True)
    for name, entries in lists.items():
        (folder / name).write_text(''.join(
            f'{CLIP.format(i, i + 2)} {label}\n' for i, label in entries))
    return folder


def authors_split(tmp_path, name='UB_S1_10', unlabeled='unlabel.csv'):
    return write_split(
        tmp_path / name, {
            'train.csv': [(0, 0), (1, 14)],
            unlabeled: [(2, 3), (3, 5), (4, 0)],
            'val.csv': [(5, 4), (6, 14)],
        })


def test_lists_relative_to_the_shared_root(tmp_path):
    result = import_split(str(authors_split(tmp_path)), str(tmp_path / 'out'))
    assert result['name'] == 'UB_S1_10' and result['num_classes'] == 15
    assert result['strip_prefix'] == '/root/video'
    labeled = (tmp_path / 'out' / 'UB_S1_10_labeled.txt').read_text()
    assert labeled == ('0LtLS9wROrk_E_002407_002435_A_0000_0002.mp4 0\n'
                       '0LtLS9wROrk_E_002407_002435_A_0001_0003.mp4 14\n')
    unlabeled = (tmp_path / 'out' / 'UB_S1_10_unlabeled.txt').read_text()
    assert [line.split()[1] for line in unlabeled.splitlines()] == \
        ['3', '5', '0']  # true labels kept, order kept
    assert {role: n for role, (_, n) in result['lists'].items()} == dict(
        labeled=2, unlabeled=3, val=2)
    assert not (tmp_path / 'out' / 'UB_S1_10_test.txt').exists()
    assert result['classes_without_labels'] == list(range(1, 14))


def test_authors_misspelt_unlabelled_list(tmp_path):
    split = authors_split(tmp_path, 'list_ucf_5', unlabeled='unlabe.csv')
    result = import_split(str(split), str(tmp_path / 'out'), name='ucf_5')
    assert result['lists']['unlabeled'][1] == 3
    assert (tmp_path / 'out' / 'ucf_5_unlabeled.txt').exists()


def test_declared_class_count_and_explicit_prefix(tmp_path):
    split = authors_split(tmp_path)
    result = import_split(
        str(split), str(tmp_path / 'out'), strip_prefix='/root',
        num_classes=99)
    assert result['num_classes'] == 99
    line = (tmp_path / 'out' / 'UB_S1_10_val.txt').read_text().split()[0]
    assert line == 'video/0LtLS9wROrk_E_002407_002435_A_0005_0007.mp4'


@pytest.mark.parametrize(
    'lists, match',
    [
        ({'train.csv': [(0, 0)], 'unlabel.csv': [(0, 1)]},
         'both labelled and unlabelled'),
        ({'train.csv': [(0, 0), (0, 1)], 'unlabel.csv': [(1, 1)]},
         'train.csv:2: .* listed twice'),
        ({'train.csv': [(0, 0)]}, 'no unlabeled list'),
        ({'train.csv': [(0, 0)], 'unlabel.csv': [(1, -1)]},
         'unlabel.csv:1: negative label'),
    ])
def test_bad_splits_name_the_file_and_write_nothing(tmp_path, lists, match):
    split = write_split(tmp_path / 'bad', lists)
    with pytest.raises(SplitImportError, match=match):
        import_split(str(split), str(tmp_path / 'out'))
    assert not (tmp_path / 'out').exists()


def test_labels_outside_the_declared_classes(tmp_path):
    with pytest.raises(SplitImportError, match='label 14 .* outside the 10'):
        import_split(str(authors_split(tmp_path)), str(tmp_path / 'out'),
                     num_classes=10)
    assert not (tmp_path / 'out').exists()


def test_video_outside_the_prefix(tmp_path):
    with pytest.raises(SplitImportError, match='is not under'):
        import_split(str(authors_split(tmp_path)), str(tmp_path / 'out'),
                     strip_prefix='/data/gym')


@pytest.mark.parametrize('text, match', [
    ('a.mp4\n', 'expected "path label"'),
    ('a.mp4 x\n', "label 'x' is not an integer"),
    ('\n\n', 'no videos listed'),
])
def test_unreadable_lines(tmp_path, text, match):
    path = tmp_path / 'train.csv'
    path.write_text(text)
    with pytest.raises(SplitImportError, match=match):
        read_author_list(str(path))


def test_comma_separated_lines(tmp_path):
    path = tmp_path / 'train.csv'
    path.write_text('a/b.mp4,3\n')
    assert read_author_list(str(path)) == [('a/b.mp4', 3)]


def test_tool_imports_the_good_folders_and_reports_the_bad(
        tmp_path, capsys):
    good = authors_split(tmp_path)
    bad = write_split(tmp_path / 'FX_10', {'train.csv': [(0, 0)]})
    tool = import_tool('data/import_sefar_splits.py')
    with pytest.raises(SystemExit) as exit_:
        tool.main([str(bad), str(good), '--out-dir', str(tmp_path / 'out')])
    assert exit_.value.code == 1
    out = capsys.readouterr().out
    assert 'not imported' in out and 'FX_10' in out
    assert 'num_classes = 15' in out
    assert (tmp_path / 'out' / 'UB_S1_10_labeled.txt').exists()
