import os

import pytest
import torch
from mmengine.fileio import get_file_backend

from mmfine.fileio import AtomicLocalBackend


def test_backend_selected_by_name(tmp_path):
    backend = get_file_backend(str(tmp_path),
                               backend_args=dict(backend='atomic_local'))
    assert isinstance(backend, AtomicLocalBackend)


def test_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / 'sub' / 'epoch_1.pth'
    backend = AtomicLocalBackend()
    backend.put(b'old', path)
    assert path.read_bytes() == b'old'

    def fail(*args):
        raise OSError('disk full')

    monkeypatch.setattr(os, 'replace', fail)
    with pytest.raises(OSError, match='disk full'):
        backend.put(b'new but interrupted', path)
    assert path.read_bytes() == b'old'
    assert os.listdir(path.parent) == ['epoch_1.pth']  # no temp file left


def test_checkpoints_from_training_use_it(tmp_path):
    from mmengine.runner import save_checkpoint
    target = tmp_path / 'ckpt.pth'
    save_checkpoint({'w': torch.ones(2)}, str(target),
                    backend_args=dict(backend='atomic_local'))
    assert torch.equal(torch.load(target)['w'], torch.ones(2))
