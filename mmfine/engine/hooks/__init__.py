from .fine_to_coarse_hook import FineToCoarseHook
from .labeled_clips_per_step_hook import LabeledClipsPerStepHook
from .progress_bar_hook import ProgressBarHook
from .random_state_hook import RandomStateHook
from .semi_supervised_stats_hook import SemiSupervisedStatsHook

__all__ = [
    'FineToCoarseHook', 'LabeledClipsPerStepHook', 'ProgressBarHook',
    'RandomStateHook', 'SemiSupervisedStatsHook'
]
