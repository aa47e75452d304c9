import pickle
import subprocess
import sys

from mmfine.testing import ROOT, SHARED_DATA


def test_generate_fine_skeleton_cli(tmp_path):
    out = tmp_path / 'fine.pkl'
    result = subprocess.run(
        [sys.executable, 'tools/data/generate_fine_skeleton.py', '--out',
         str(out), '--train-per-class', '2', '--test-per-class', '1'],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert '36 samples, 12 classes' in result.stdout
    data = pickle.loads(out.read_bytes())
    assert len(data['split']['train']) == 24


def test_convert_cli_names_a_missing_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, 'tools/data/convert_skeleton_dataset.py',
         'utkinect', '--root', str(tmp_path / 'absent'), '--out',
         str(tmp_path / 'x.pkl')],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={'MMFINE_SHARED_DATA': SHARED_DATA, 'PATH': ''})
    assert result.returncode != 0
    assert 'UTKinect joints folder not found' in result.stderr
    assert not (tmp_path / 'x.pkl').exists()
