import subprocess
import sys

import pytest

from mmfine.apis.finetec_demo import VARIANTS, run_finetec_demo
from mmfine.testing import ROOT


def test_unknown_method_is_refused_with_the_choices():
    result = subprocess.run(
        [sys.executable, 'tools/run_demo.py', '--methods', 'finetec,cofinl'],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert ('--methods takes finetec, sefar, cofinal, tracker, benchmarks; '
            'got cofinl'
            in result.stderr)


def test_unknown_finetec_variant_is_refused(tmp_path):
    with pytest.raises(ValueError, match='variant must be one of'):
        run_finetec_demo(str(tmp_path), variant='hard')
    assert set(VARIANTS) == {'base', 'flick'}
    assert not any(tmp_path.iterdir())  # refused before writing anything


def test_quiet_library_output_hides_warnings_and_info_logs():
    code = (
        'import logging, warnings\n'
        'from mmfine.utils import quiet_library_output\n'
        'quiet_library_output()\n'
        'warnings.warn("noise")\n'
        'from mmengine.logging import print_log\n'
        'print_log("info line", logger="current")\n'
        'print_log("warning line", logger="current", '
        'level=logging.WARNING)\n')
    result = subprocess.run([sys.executable, '-c', code], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout + result.stderr
    assert 'noise' not in out and 'info line' not in out
    assert 'warning line' in out
