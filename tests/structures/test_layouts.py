import numpy as np
import pytest

from mmaction.models.utils.graph import Graph
from mmfine.structures import (REGIONS, SkeletonLayout, convert_keypoints,
                               get_layout, list_layouts, region_of)

EXPECTED = {'coco17': 17, 'h36m17': 17, 'kinect_v1_20': 20,
            'msr_action3d_20': 20, 'ntu25': 25, 'openpose18': 18,
            'openpose25': 25, 'mediapipe33': 33}


def test_known_layouts():
    assert {n: get_layout(n).num_joints for n in list_layouts()} == EXPECTED


@pytest.mark.parametrize('name', sorted(EXPECTED))
def test_layout_invariants(name):
    layout = get_layout(name)
    parents = layout.parents
    # following parents from any joint reaches the centre
    for joint in range(layout.num_joints):
        seen = set()
        while joint != layout.center:
            assert joint not in seen
            seen.add(joint)
            joint = parents[joint]
    # flipping twice is the identity and swaps left/right names
    flip = layout.flip_index
    assert [flip[i] for i in flip] == list(range(layout.num_joints))
    for left, right in layout.flip_pairs:
        assert layout.joints[left].replace('left', 'right') == \
            layout.joints[right]
    # every joint in exactly one region, all six regions non-empty
    regions = layout.regions
    assert sorted(sum(regions.values(), [])) == list(range(layout.num_joints))
    assert all(regions[r] for r in REGIONS)
    # left-side regions hold only left joints
    for region in ('left_arm', 'left_leg'):
        assert all(layout.joints[i].startswith('left')
                   for i in regions[region])


@pytest.mark.parametrize('ours,theirs', [('coco17', 'coco'),
                                         ('openpose18', 'openpose'),
                                         ('ntu25', 'nturgb+d')])
def test_graph_equals_mmaction_builtin(ours, theirs):
    for mode in ('stgcn_spatial', 'spatial'):
        a = Graph(layout=get_layout(ours).graph_layout(), mode=mode).A
        b = Graph(layout=theirs, mode=mode).A
        np.testing.assert_array_equal(a, b)


def test_graph_from_dict_layout_for_kinect():
    graph = Graph(layout=get_layout('kinect_v1_20').graph_layout(),
                  mode='spatial')
    assert graph.A.shape == (3, 20, 20)
    # the head (3) hangs from the neck (2), the centre
    assert get_layout('kinect_v1_20').parents[3] == 2


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


def test_mediapipe_to_coco_picks_named_joints():
    rng = np.random.default_rng(0)
    mp = rng.normal(size=(2, 5, 33, 3))
    score = rng.uniform(size=(2, 5, 33))
    coco, coco_score = convert_keypoints(mp, 'mediapipe33', 'coco17', score)
    src, dst = get_layout('mediapipe33'), get_layout('coco17')
    for j, name in enumerate(dst.joints):
        np.testing.assert_array_equal(coco[..., j, :],
                                      mp[..., src.index(name), :])
        np.testing.assert_array_equal(coco_score[..., j],
                                      score[..., src.index(name)])


def test_coco_to_h36m_derives_composite_joints():
    coco = np.random.default_rng(1).normal(size=(4, 17, 2))
    h36m = convert_keypoints(coco, 'coco17', 'h36m17')
    c, h = get_layout('coco17'), get_layout('h36m17')
    pelvis = (coco[:, c.index('left_hip')] + coco[:, c.index('right_hip')]) / 2
    np.testing.assert_allclose(h36m[:, h.index('pelvis')], pelvis)
    np.testing.assert_array_equal(h36m[:, h.index('left_wrist')],
                                  coco[:, c.index('left_wrist')])


def test_msr_order_to_kinect_order_round_trip():
    x = np.random.default_rng(2).normal(size=(3, 20, 3))
    y = convert_keypoints(x, 'msr_action3d_20', 'kinect_v1_20')
    np.testing.assert_array_equal(
        convert_keypoints(y, 'kinect_v1_20', 'msr_action3d_20'), x)
    assert not np.array_equal(x, y)


def test_conversion_errors_are_clear():
    with pytest.raises(ValueError, match='no source for joints'):
        convert_keypoints(np.zeros((1, 17, 2)), 'coco17', 'ntu25')
    with pytest.raises(ValueError, match='has 17'):
        convert_keypoints(np.zeros((1, 18, 2)), 'coco17', 'h36m17')
