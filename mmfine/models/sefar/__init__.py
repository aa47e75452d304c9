from .adaptive_regulation import adaptive_regulation
from .tube_token_mix import draw_token_mix, mix_targets, tube_token_masks

__all__ = [
    'adaptive_regulation', 'draw_token_mix', 'mix_targets', 'tube_token_masks'
]
