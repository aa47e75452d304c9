from .semi_supervised_data_preprocessor import SemiSupervisedDataPreprocessor

__all__ = ['SemiSupervisedDataPreprocessor']
