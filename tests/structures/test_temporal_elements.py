import pytest

from mmfine.structures import check_elements, element_segments

# The authors' layouts known from their code and the issue ({2-2-4},
# {2-4}); the others follow the same rule (their sampler is not public):
# context at ceil(i K / C), the rest dealt to the fine elements last first.
LAYOUTS = {
    (2, 4): [[1, 4], [0, 2, 3, 5]],
    (2, 2, 4): [[3, 7], [1, 5], [0, 2, 4, 6]],
    (2, 2, 2, 4): [[4, 9], [2, 7], [1, 6], [0, 3, 5, 8]],
    (2, 2, 6): [[3, 8], [1, 6], [0, 2, 4, 5, 7, 9]],
    (2, 2, 8): [[4, 10], [1, 7], [0, 2, 3, 5, 6, 8, 9, 11]],
}


@pytest.mark.parametrize('elements', sorted(LAYOUTS))
def test_layout_table(elements):
    assert element_segments(elements) == LAYOUTS[elements]


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
