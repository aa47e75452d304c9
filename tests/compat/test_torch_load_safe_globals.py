from tests.conftest import run_python

SAVE_AND_LOAD = '''
import io, numpy as np, torch
from mmengine.logging import HistoryBuffer
buf = HistoryBuffer()
buf.update(np.float64(0.5))
ckpt = dict(meta=dict(seed=np.int64(3), hist=np.arange(3.0)),
            message_hub=dict(log_scalars={'loss': buf}))
f = io.BytesIO(); torch.save(ckpt, f); f.seek(0)
{apply}
out = torch.load(f)  # what mmengine 0.10.7 does: weights_only by default
print(out['meta']['seed'], out['message_hub']['log_scalars']['loss'].mean())
'''


def test_weights_only_load_fails_without_safe_globals():
    result = run_python(SAVE_AND_LOAD.format(apply=''))
    assert result.returncode != 0
    assert 'weights_only' in result.stderr


def test_safe_globals_make_checkpoints_loadable():
    result = run_python(SAVE_AND_LOAD.format(
        apply='from mmfine.compat import torch_load_safe_globals\n'
        'assert torch_load_safe_globals.apply()'))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['3', '0.5']


def test_arbitrary_objects_are_still_refused():
    result = run_python('''
        import io, torch, collections, mmfine
        f = io.BytesIO(); torch.save({'x': collections.Counter('ab')}, f)
        f.seek(0)
        torch.load(f)
    ''')
    assert result.returncode != 0 and 'Counter' in result.stderr
