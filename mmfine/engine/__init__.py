from .hooks import ProgressBarHook, RandomStateHook

__all__ = ['ProgressBarHook', 'RandomStateHook']
