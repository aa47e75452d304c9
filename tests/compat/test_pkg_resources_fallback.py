from mmfine.testing import run_python

LOAD = '''
import sys
sys.modules['pkg_resources'] = None   # as with setuptools >= 82
from mmengine.config import Config
cfg = Config.fromstring(
    "_base_ = 'mmaction::_base_/default_runtime.py'", '.py')
print(cfg.default_scope)
'''


def test_mmaction_bases_need_pkg_resources():
    result = run_python(LOAD)
    assert result.returncode != 0
    assert 'pkg_resources' in result.stderr


def test_fallback_resolves_mmaction_bases():
    result = run_python(LOAD.replace(
        'from mmengine.config import Config',
        'from mmengine.config import Config\n'
        'import mmfine\n'
        "assert mmfine.compat.APPLIED['pkg_resources_fallback']"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == 'mmaction'


def test_helpers_agree_with_pkg_resources():
    from mmengine.utils import package_utils

    from mmfine.compat import pkg_resources_fallback as fb
    for package in ('mmaction2', 'mmengine'):
        assert fb.get_installed_path(package) == \
            package_utils.get_installed_path(package)
        assert fb.is_installed(package)
    assert fb.package2module('mmaction2') == 'mmaction'
    assert not fb.is_installed('surely-not-a-package-xyz')
    assert fb.apply() is False  # pkg_resources is available here
