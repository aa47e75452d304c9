from mmfine.testing import run_python

SAVE_AND_LOAD = '''
import io, numpy as np, torch
from mmengine.logging import MessageHub
hub = MessageHub.get_instance('t')
hub.update_scalar('train/loss', 0.5)
ckpt = dict(meta=dict(seed=np.int64(3), hist=np.arange(3.0)),
            message_hub=hub.state_dict(),
            rng=np.random.get_state())
f = io.BytesIO(); torch.save(ckpt, f); f.seek(0)
{apply}
out = torch.load(f)  # what mmengine 0.10.7 does: weights_only by default
print(out['meta']['seed'],
      out['message_hub']['log_scalars']['train/loss'].mean())
'''


def test_weights_only_load_fails_without_safe_globals():
    result = run_python(SAVE_AND_LOAD.replace('{apply}', ''))
    assert result.returncode != 0
    assert 'weights_only' in result.stderr


def test_safe_globals_make_checkpoints_loadable():
    result = run_python(SAVE_AND_LOAD.replace(
        '{apply}', 'import mmfine\n'
        "assert mmfine.compat.APPLIED['torch_load_safe_globals']"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ['3', '0.5']


def test_arbitrary_objects_are_still_refused():
    result = run_python('''
        import io, torch, fractions, mmfine
        f = io.BytesIO(); torch.save({'x': fractions.Fraction(1, 3)}, f)
        f.seek(0)
        torch.load(f)
    ''')
    assert result.returncode != 0 and 'Fraction' in result.stderr


def test_getattr_only_reaches_history_buffer_statistics():
    # OrderedDict.fromkeys pickles as getattr(OrderedDict, 'fromkeys')
    result = run_python('''
        import io, torch, collections, mmfine
        f = io.BytesIO()
        torch.save({'f': collections.OrderedDict.fromkeys}, f)
        f.seek(0)
        torch.load(f)
    ''')
    assert result.returncode != 0
    assert 'only HistoryBuffer statistics methods' in result.stderr
