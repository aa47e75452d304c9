from .clip_feature_preprocessor import ClipFeaturePreprocessor
from .cofinal_head import CoFInAlHead
from .feature_assessor import FeatureAssessor
from .gdlt_head import GDLTHead
from .grade_parsing import GradeParsingModule
from .kinematic_pose_encoder import KinematicPoseEncoder
from .pooled_regression_head import PooledRegressionHead
from .quality_graph_regularisation import quality_graph_loss
from .score_decomposition import compose_score, decode_score, decompose_score
from .temporal_fusion import TemporalFusionModule, masked_mean

__all__ = [
    'ClipFeaturePreprocessor', 'CoFInAlHead', 'FeatureAssessor', 'GDLTHead',
    'GradeParsingModule', 'KinematicPoseEncoder', 'PooledRegressionHead',
    'quality_graph_loss', 'compose_score', 'decode_score', 'decompose_score',
    'TemporalFusionModule', 'masked_mean'
]
