from .finetec_recognizer import FineTecRecognizer
from .skeleton_completion_model import SkeletonCompletionModel

__all__ = ['FineTecRecognizer', 'SkeletonCompletionModel']
