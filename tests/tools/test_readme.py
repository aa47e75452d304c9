import os.path as osp
import re

from mmfine.testing import ROOT


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


def test_registry_table_lists_every_registered_entry():
    """The README's registry table names each mmfine entry of MMAction2's
    registries, in the registry and file it lives in, and nothing else."""
    import mmaction.registry as registries
    import mmfine  # noqa: F401
    registered = set()
    for name in dir(registries):
        registry = getattr(registries, name)
        for key, cls in getattr(registry, '_module_dict', {}).items():
            if cls.__module__.startswith('mmfine.'):
                path = cls.__module__.replace('.', '/') + '.py'
                registered.add((name, key, path))
    text = open(osp.join(ROOT, 'README.md')).read()
    listed = set(re.findall(r'^\| `(\w+)` \| `(\w+)` \| \[`([\w/]+\.py)`\]',
                            text, re.M))
    assert len(registered) >= 25
    assert listed == registered
