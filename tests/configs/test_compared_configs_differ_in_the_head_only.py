"""The comparisons' invariant: the configs each demo or benchmark compares
differ in the head (and the hook that feeds it) and nothing else: same
data, pipelines, backbone, schedule and evaluation."""
import os.path as osp

import pytest
from mmengine.config import Config

from mmfine.apis.benchmarks_demo import TRANSFER_METHODS
from mmfine.apis.cofinal_demo import METHODS as COFINAL_METHODS
from mmfine.testing import ROOT, import_tool

SKI_JUMP = import_tool('analysis/aqa_cross_validation.py').SKI_JUMP


def without_head(config: str, head_key: str) -> dict:
    cfg = Config.fromfile(osp.join(ROOT, config)).to_dict()
    del cfg['model'][head_key]
    cfg['custom_hooks'] = [  # the hierarchy the coarse/fine head needs
        h for h in cfg.get('custom_hooks', [])
        if h['type'] != 'FineToCoarseHook'
    ]
    return cfg


@pytest.mark.parametrize('configs, head_key', [
    ([c for _, c in COFINAL_METHODS], 'head'),
    (SKI_JUMP, 'head'),
    ([c for _, _, c in TRANSFER_METHODS], 'cls_head'),
])
def test_compared_configs_differ_in_the_head_only(configs, head_key):
    baseline = without_head(configs[0], head_key)
    for config in configs[1:]:
        other = without_head(config, head_key)
        assert other.keys() == baseline.keys(), config
        for key in baseline:
            assert other[key] == baseline[key], (config, key)
