import os.path as osp
import re

from tests.conftest import ROOT


def quick_start_commands():
    text = open(osp.join(ROOT, 'README.md')).read()
    section = text.split('## Quick start', 1)[1]
    block = re.search(r'```(?:bash|sh)?\n(.*?)```', section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert not any(c.lstrip().startswith('#') for c in commands)


def test_ci_runs_the_readme_test_command():
    ci = open(osp.join(ROOT, '.ci', 'run')).read().splitlines()
    assert quick_start_commands()[1] in ci
    assert 'pytest' in quick_start_commands()[1]
