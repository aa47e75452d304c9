"""The AQA comparisons change the scoring head only: CoFInAl, the
GDLT-style head and the linear regressor see the same data, pipelines,
schedule and evaluation (the demo and the ski-jump set)."""
import pytest

from mmfine.utils import load_config

GROUPS = {
    'demo': ['configs/demo/{}_1xb32-200e_quality-routines.py'],
    'ski-jump': ['configs/cofinal/{}_kinematic_1xb8-200e_ski-jump.py'],
}
HEADS = ('cofinal', 'gdlt', 'linear-regressor')


@pytest.mark.parametrize('group', sorted(GROUPS))
def test_only_the_head_differs(group):
    from mmfine.testing import ROOT
    configs = []
    for head in HEADS:
        cfg = load_config(f'{ROOT}/{GROUPS[group][0].format(head)}')
        settings = cfg.to_dict()
        settings.pop('filename', None)
        head_cfg = settings['model'].pop('head')
        configs.append((head_cfg['type'], settings))
    assert [t for t, _ in configs] == [
        'CoFInAlHead', 'GDLTHead', 'PooledRegressionHead'
    ]
    reference = configs[0][1]
    for _, settings in configs[1:]:
        assert settings == reference
