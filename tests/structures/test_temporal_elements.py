import pytest

from mmfine.structures import check_elements, element_segments


def test_authors_layout_for_2_2_4():
    assert element_segments([2, 2, 4]) == [[3, 7], [1, 5], [0, 2, 4, 6]]


@pytest.mark.parametrize('elements', [[2, 4], [2, 2, 2, 4], [2, 2, 6],
                                      [2, 2, 8], [3, 1, 5]])
def test_any_combination_partitions_the_segments(elements):
    groups = element_segments(elements)
    assert [len(g) for g in groups] == elements
    assert sorted(s for g in groups for s in g) == list(range(sum(elements)))
    assert groups[-1] == sorted(groups[-1])  # context keeps time order


def test_bad_elements_are_refused():
    with pytest.raises(ValueError, match='at least one fine'):
        check_elements([4])
    with pytest.raises(ValueError, match='all >= 1'):
        check_elements([2, 0, 4])
