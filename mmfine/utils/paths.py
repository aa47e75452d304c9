"""The one definition of the repository root and of the shared data
location, used by the tools, the demos and the tests."""
import os
import os.path as osp

#: The repository holding ``mmfine/``, ``configs/`` and ``tools/``.
REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def shared_data_dir() -> str:
    """``$MMFINE_SHARED_DATA``, or ``../shared/data`` beside the
    repository: where the real datasets and videos of the tests and
    benchmarks are."""
    return os.environ.get('MMFINE_SHARED_DATA',
                          osp.join(osp.dirname(REPO_ROOT), 'shared', 'data'))
