import numpy as np
import pytest

from mmaction.models.utils.graph import Graph
from mmfine.structures import REGIONS, get_layout, list_layouts

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
