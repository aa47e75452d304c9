"""Restoration errors of several restorers at several corruption levels
(FineTec Table 3) with one completion config and checkpoint."""
from typing import Dict, Optional, Sequence, Tuple

from mmfine.utils import checkpoint_metrics, load_config

RESTORER_NAMES = {
    'left_to_right_copy': 'L-R copy',
    'right_to_left_copy': 'R-L copy',
    'linear_interpolation': 'linear interpolation',
    'prior': 'completion prior alone',
    'completion_no_prompt': 'FineTec completion, prompt removed at test',
    'completion': 'FineTec completion',
}


def evaluate_restorers(
        config: str,
        checkpoint: str,
        restorers: Sequence[str],
        levels: Sequence[str],
        work_dir: str,
        cfg_options: Optional[Dict] = None) -> Dict[Tuple[str, str], Dict]:
    """Test ``config``'s ``SkeletonCompletionModel`` with each restorer at
    each level on its test split; ``{(restorer, level): metrics}`` with
    ``restore/MPJPE``, ``restore/N-MPJPE`` and ``restore/MPJVE``. Every
    restorer sees the same corrupted clips (seeded per sample).
    ``cfg_options`` overrides config keys, as ``--cfg-options`` does."""
    results = {}
    for restorer in restorers:
        for level in levels:
            cfg = load_config(config, cfg_options)
            cfg.work_dir = work_dir
            cfg.log_level = 'WARNING'
            cfg.model.restorer = restorer
            cfg.model.test_drop_ratio = level
            results[restorer, level] = checkpoint_metrics(cfg, checkpoint)
    return results
