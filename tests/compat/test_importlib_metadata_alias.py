from mmfine.testing import run_python

BLOCK = '''
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == 'importlib_metadata':
            raise ModuleNotFoundError("No module named 'importlib_metadata'")
sys.meta_path.insert(0, Block())
'''


def test_mmaction_needs_importlib_metadata():
    result = run_python(BLOCK + 'import mmaction.utils.dependency')
    assert result.returncode != 0
    assert "No module named 'importlib_metadata'" in result.stderr


def test_alias_to_the_standard_library():
    result = run_python(BLOCK + '''
import mmfine
print(mmfine.compat.APPLIED['importlib_metadata_alias'])
from mmaction.utils.dependency import distribution
print(distribution('mmengine').version)
''')
    assert result.returncode == 0, result.stderr
    acted, version = result.stdout.split()
    assert acted == 'True' and version.startswith('0.')


def test_does_nothing_when_installed():
    from mmfine.compat import importlib_metadata_alias
    assert importlib_metadata_alias.apply() is False
