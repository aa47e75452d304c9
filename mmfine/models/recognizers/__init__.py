from .sefar_recognizer import SeFARRecognizer

__all__ = ['SeFARRecognizer']
