"""The mmaction2 1.2.0 wheel lacks ``mmaction/models/localizers/drn``.

``mmaction/models/localizers/__init__.py`` imports ``DRN`` from it, so
``import mmaction.models`` fails (open-mmlab/mmaction2 issue 2714). Before
mmaction's models are imported we register a stand-in module whose ``DRN``
raises a clear error when built. Nothing happens when the folder exists.
"""
import importlib.util
import os.path as osp
import sys
import types

MODULE = 'mmaction.models.localizers.drn'


class DRN:
    """Stand-in for the DRN localizer missing from the mmaction2 wheel."""

    def __init__(self, *args, **kwargs):
        raise ImportError(
            'DRN is not shipped in the mmaction2 1.2.0 wheel (upstream issue '
            '2714); install mmaction2 from source to use the DRN localizer.')


def drn_is_missing() -> bool:
    spec = importlib.util.find_spec('mmaction')
    if spec is None or spec.origin is None:
        return False
    folder = osp.join(osp.dirname(spec.origin), 'models', 'localizers', 'drn')
    return not osp.isdir(folder)


def apply() -> bool:
    if MODULE in sys.modules or not drn_is_missing():
        return False
    package = types.ModuleType(MODULE)
    package.__path__ = []
    module = types.ModuleType(MODULE + '.drn')
    module.DRN = DRN
    package.drn = module
    sys.modules[MODULE] = package
    sys.modules[MODULE + '.drn'] = module
    return True
