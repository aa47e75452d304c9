from .finetec_recognizer import FineTecRecognizer
from .sefar_recognizer import SeFARRecognizer
from .skeleton_completion_model import SkeletonCompletionModel

__all__ = ['FineTecRecognizer', 'SeFARRecognizer', 'SkeletonCompletionModel']
