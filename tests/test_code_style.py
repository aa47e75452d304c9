"""flake8 and isort in check mode over the package, tools, configs and
tests, with the settings of setup.cfg (MMAction2's)."""
import subprocess
import sys

import pytest

from mmfine.testing import ROOT

PATHS = ['mmfine', 'tools', 'configs', 'tests']


@pytest.mark.parametrize('tool,args', [
    ('flake8', []),
    ('isort', ['--check-only', '--diff']),
])
def test_code_style(tool, args):
    result = subprocess.run([sys.executable, '-m', tool] + args + PATHS,
                            cwd=ROOT, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + \
        result.stderr[-2000:]
