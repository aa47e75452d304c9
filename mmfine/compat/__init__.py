"""Workarounds for known upstream packaging bugs, applied once on
``import mmfine``.

Each module fixes one problem, checks first whether upstream is already fixed
(then it does nothing) and reports whether it acted through
``apply() -> bool``.
"""
from . import (cpu_distributed, drn_localizer, importlib_metadata_alias,
               numpy2_aliases, pkg_resources_fallback, torch_load_safe_globals)

WORKAROUNDS = {
    'importlib_metadata_alias': importlib_metadata_alias,
    'drn_localizer': drn_localizer,
    'numpy2_aliases': numpy2_aliases,
    'pkg_resources_fallback': pkg_resources_fallback,
    'torch_load_safe_globals': torch_load_safe_globals,
    'cpu_distributed': cpu_distributed,
}

APPLIED = {}


def apply_all() -> dict:
    """Apply every workaround once; return ``{name: acted}``."""
    for name, module in WORKAROUNDS.items():
        if name not in APPLIED:
            APPLIED[name] = module.apply()
    return dict(APPLIED)


__all__ = ['apply_all', 'APPLIED', 'WORKAROUNDS']
