from mmfine.structures.frame_drop_masks import LEVELS
from .detected_window import SampleDetectedWindow
from .dual_level_sample import DualLevelSampleFrames
from .keypoint_noise import KeypointNoise
from .load_clip_features import LoadClipFeatures
from .multi_view import MultiView
from .pack_score_inputs import PackScoreInputs
from .restore_dropped_frames import RestoreDroppedFrames
from .sample_clip_window import SampleClipWindow
from .temporal_corruption import TemporalCorruption
from .temporal_perturbations import PerturbWholeClip, ShuffleFineElements
from .temporal_reverse import ReverseFineElements
from .temporal_warp import WarpElements

__all__ = [
    'TemporalCorruption', 'LEVELS', 'RestoreDroppedFrames', 'KeypointNoise',
    'DualLevelSampleFrames', 'MultiView', 'ReverseFineElements',
    'WarpElements', 'ShuffleFineElements', 'PerturbWholeClip',
    'LoadClipFeatures', 'SampleClipWindow', 'PackScoreInputs',
    'SampleDetectedWindow'
]
