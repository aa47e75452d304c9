import os.path as osp

from mmengine.config import Config

from mmfine.structures import get_layout, list_layouts
from mmfine.testing import ROOT, run_python


def test_exported_layout_configs_match_layouts():
    for name in list_layouts():
        path = osp.join(ROOT, 'configs', '_base_', 'skeleton_layouts',
                        f'{name}.py')
        cfg = Config.fromfile(path)
        graph = get_layout(name).graph_layout()
        assert cfg.layout_name == name
        assert cfg.graph_layout.num_node == graph['num_node']
        assert cfg.graph_layout.center == graph['center']
        assert [tuple(e) for e in cfg.graph_layout.inward] == graph['inward']


def test_export_tool_reports_nothing_stale():
    result = run_python('import runpy, sys; sys.argv = ["x", "--check"]; '
                        'runpy.run_path("tools/misc/export_layout_configs.py",'
                        ' run_name="__main__")')
    assert result.returncode == 0, result.stdout + result.stderr
