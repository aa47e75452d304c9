import pytest

from mmfine.datasets.converters import convert_utkinect
from mmfine.testing import check_converted, shared_dataset

pytestmark = pytest.mark.realdata


def test_utkinect_segments():
    data = convert_utkinect(shared_dataset('utkinect'))
    check_converted(data, 10, dict(xsub_train=100, xsub_val=99))
