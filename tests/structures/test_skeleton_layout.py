import pytest

from mmfine.structures import SkeletonLayout, get_layout, region_of


def test_regions_from_names():
    assert region_of('left_foot_index') == 'left_leg'
    assert region_of('right_thumb') == 'right_arm'
    assert region_of('mouth_left') == 'head'
    assert region_of('left_shoulder') == 'torso'
    with pytest.raises(ValueError, match='no body region'):
        region_of('tail')


def test_invalid_layouts_are_refused():
    with pytest.raises(ValueError, match='tree'):
        SkeletonLayout('bad', ('head', 'neck', 'pelvis'), ((0, 1), ), 1)
    with pytest.raises(ValueError, match='not connected'):
        SkeletonLayout('bad', ('head', 'neck', 'pelvis'),
                       ((0, 1), (0, 1)), 1)
    with pytest.raises(KeyError, match='unknown skeleton layout'):
        get_layout('coco18')
    with pytest.raises(KeyError, match='has no joint'):
        get_layout('coco17').index('pelvis')
