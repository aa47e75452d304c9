from .atomic_io import atomic_write_bytes, dump_pickle_atomic
from .paths import REPO_ROOT, shared_data_dir
from .safe_pickle import (RestrictedUnpickler, UnsafePickleError,
                          safe_load_pickle)
from .scripted_run import checkpoint_metrics, quiet, quiet_library_output
from .skeleton_settings import (apply_skeleton_settings, insert_restorer,
                                load_config, set_num_workers, split_datasets,
                                split_pipelines)
from .timing import interleaved_medians

__all__ = [
    'quiet_library_output', 'checkpoint_metrics', 'atomic_write_bytes',
    'dump_pickle_atomic', 'quiet', 'interleaved_medians', 'REPO_ROOT',
    'shared_data_dir', 'apply_skeleton_settings', 'insert_restorer',
    'load_config', 'set_num_workers', 'split_datasets', 'split_pipelines',
    'safe_load_pickle', 'RestrictedUnpickler', 'UnsafePickleError'
]
