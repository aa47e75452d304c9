"""Configs for runs started by scripts (demos, benchmarks) rather than
``tools/train.py``."""


def quiet(cfg, work_dir: str):
    """``cfg`` writing to ``work_dir``, logging warnings only, with a
    progress bar (added once)."""
    cfg.work_dir = work_dir
    cfg.log_level = 'WARNING'
    hooks = list(cfg.get('custom_hooks', []))
    if not any(h.get('type') == 'ProgressBarHook' for h in hooks):
        hooks.append(dict(type='ProgressBarHook'))
    cfg.custom_hooks = hooks
    return cfg
