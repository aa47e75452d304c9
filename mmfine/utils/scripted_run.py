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


def quiet_library_output() -> None:
    """Hide what libraries print that says nothing to the user of a demo or
    tool: Python warnings (upstream deprecations, mmcv-lite's missing ops)
    and log records at INFO and below ("Loads checkpoint by local backend
    ..."); warnings and errors of the runs still show. Tests do not call
    it."""
    import logging
    import warnings
    warnings.filterwarnings('ignore')
    logging.disable(logging.INFO)


def checkpoint_metrics(cfg, checkpoint: str) -> dict:
    """``Runner.test()`` of ``cfg`` with the weights of ``checkpoint``.

    The weights are loaded through the logger, which scripts keep quiet,
    instead of ``load_from`` (mmengine then prints "Loads checkpoint by
    local backend ..." on every test).

    Args:
        cfg (Config): A config with a test dataloader and evaluator.
        checkpoint (str): A checkpoint of the config's model.

    Returns:
        dict: The test metrics.
    """
    from mmengine.runner import Runner, load_checkpoint
    cfg.load_from = None
    runner = Runner.from_cfg(cfg)
    load_checkpoint(
        runner.model, checkpoint, map_location='cpu', strict=True,
        logger='current')
    return runner.test()
