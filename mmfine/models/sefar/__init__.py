from .adaptive_regulation import adaptive_regulation
from .multi_granular_fusion_head import MultiGranularFusionHead
from .multi_granular_timesformer import (DividedSpaceTimeBlock,
                                         MultiGranularTimeSformer)
from .sefar_recognizer import SeFARRecognizer
from .semi_supervised_data_preprocessor import SemiSupervisedDataPreprocessor
from .tube_token_mix import draw_token_mix, mix_targets, tube_token_masks
from .vit_weights import load_vit_weights, to_timm_names

__all__ = [
    'adaptive_regulation', 'draw_token_mix', 'mix_targets', 'tube_token_masks',
    'MultiGranularFusionHead', 'DividedSpaceTimeBlock',
    'MultiGranularTimeSformer', 'SeFARRecognizer',
    'SemiSupervisedDataPreprocessor', 'load_vit_weights', 'to_timm_names'
]
