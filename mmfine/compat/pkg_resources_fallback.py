"""mmengine 0.10.7 resolves ``mmaction::`` base configs through
``pkg_resources``.

setuptools 82 no longer ships ``pkg_resources``; mmfine pins ``setuptools<82``.
When ``pkg_resources`` is unavailable anyway, mmengine's three package helpers
are replaced by ``importlib.metadata`` equivalents in every module that bound
them by name.
"""
import importlib
import importlib.metadata
import importlib.util
import os.path as osp

PATCHED_MODULES = ('mmengine.utils.package_utils', 'mmengine.utils',
                   'mmengine.config.config', 'mmengine.config.utils')


def pkg_resources_available() -> bool:
    try:
        return importlib.util.find_spec('pkg_resources') is not None
    except ValueError:  # in sys.modules without a spec
        return True


def package2module(package: str) -> str:
    """Top-level module name of an installed distribution."""
    dist = importlib.metadata.distribution(package)
    top_level = dist.read_text('top_level.txt')
    if top_level:
        return top_level.split()[0]
    for path in dist.files or []:
        parts = path.parts
        if len(parts) > 1 and parts[1] == '__init__.py':
            return parts[0]
    raise ValueError(f'can not infer the module name of {package}')


def is_installed(package: str) -> bool:
    try:
        importlib.metadata.distribution(package)
        return True
    except importlib.metadata.PackageNotFoundError:
        spec = importlib.util.find_spec(package)
        return spec is not None and spec.origin is not None


def get_installed_path(package: str) -> str:
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            raise
        return osp.dirname(spec.origin)
    location = str(dist.locate_file(''))
    possible = osp.join(location, package)
    if osp.exists(possible):
        return possible
    return osp.join(location, package2module(package))


def apply() -> bool:
    if pkg_resources_available():
        return False
    helpers = dict(
        package2module=package2module,
        is_installed=is_installed,
        get_installed_path=get_installed_path)
    for name in PATCHED_MODULES:
        module = importlib.import_module(name)
        for attr, func in helpers.items():
            if hasattr(module, attr):
                setattr(module, attr, func)
    return True
