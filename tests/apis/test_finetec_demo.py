import os.path as osp

import pytest

from mmfine.apis.finetec_demo import VARIANTS, variant_files
from mmfine.testing import ROOT


@pytest.mark.parametrize('variant', sorted(VARIANTS))
def test_every_variant_names_existing_configs(variant):
    files = variant_files(variant)
    assert [name for name, _ in files['methods']] == [
        'ST-GCN', 'ST-GCN+interp', 'FineTec']
    for config in [files['completion']] + [c for _, c in files['methods']]:
        assert osp.isfile(osp.join(ROOT, config)), config
    assert files['data'].endswith('.pkl')
