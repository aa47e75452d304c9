import pytest

from mmfine.datasets.converters import convert_nw_ucla
from mmfine.testing import check_converted, shared_dataset

pytestmark = pytest.mark.realdata


def test_nw_ucla_cross_view():
    data = convert_nw_ucla(shared_dataset('nw_ucla'))
    check_converted(data, 10, dict(xview_train=1020, xview_val=464))
    assert all(n.endswith('_v03') for n in data['split']['xview_val'])
