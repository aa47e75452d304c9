"""Every class mmfine registers documents each ``__init__`` argument in
MMAction2's form, ``name (type): ...``, under ``Args:``."""
import inspect

import mmaction.registry as registries


def registered_classes():
    import mmfine  # noqa: F401
    for name in dir(registries):
        registry = getattr(registries, name)
        for key, cls in getattr(registry, '_module_dict', {}).items():
            if cls.__module__.startswith('mmfine.'):
                yield key, cls


def test_every_registered_class_documents_its_arguments():
    undocumented = {}
    for key, cls in registered_classes():
        params = [
            p for p in inspect.signature(cls.__init__).parameters
            if p not in ('self', 'args', 'kwargs')
        ]
        doc = cls.__doc__ or ''
        missing = [p for p in params if f'{p} (' not in doc]
        if params and ('Args:' not in doc or missing):
            undocumented[key] = missing
    assert undocumented == {}
