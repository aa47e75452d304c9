import pytest
import torch

from mmfine.testing import run_python

pytestmark = pytest.mark.skipif(torch.cuda.is_available(),
                                reason='the workaround only acts without CUDA')

INIT = '''
import os, socket
s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
s.close()
os.environ.update(RANK='0', LOCAL_RANK='0', WORLD_SIZE='1',
                  MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
{apply}
import torch
from mmengine.dist import init_dist, get_backend
from mmengine.model import MMDistributedDataParallel
init_dist('pytorch', backend='nccl')
print(get_backend())
model = MMDistributedDataParallel(module=torch.nn.Linear(2, 2),
                                  device_ids=[0])
print(type(model).__name__)
'''


def test_mmengine_start_up_assumes_cuda():
    result = run_python(INIT.format(apply=''))
    assert result.returncode != 0


def test_cpu_start_up_uses_gloo_and_cpu_ddp():
    result = run_python(INIT.format(
        apply='import mmfine\n'
        "assert mmfine.compat.APPLIED['cpu_distributed']"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['gloo', 'MMDistributedDataParallel']
