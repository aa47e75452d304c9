from .multi_granular_fusion_head import MultiGranularFusionHead

__all__ = ['MultiGranularFusionHead']
