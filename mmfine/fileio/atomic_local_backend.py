"""A local file backend whose writes are atomic."""
from mmengine.fileio import LocalBackend, register_backend

from mmfine.utils import atomic_write_bytes


class AtomicLocalBackend(LocalBackend):
    """``LocalBackend`` whose ``put``/``put_text`` write a temporary file and
    rename it into place, so an interrupted save never leaves a truncated
    checkpoint. Select it with
    ``default_hooks.checkpoint.backend_args=dict(backend='atomic_local')``.
    """

    def put(self, obj: bytes, filepath) -> None:
        atomic_write_bytes(obj, filepath)

    def put_text(self, obj: str, filepath, encoding: str = 'utf-8') -> None:
        atomic_write_bytes(obj.encode(encoding), filepath)


register_backend('atomic_local', AtomicLocalBackend)
