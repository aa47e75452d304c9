"""tools/analysis/motion_transferability.py: the baseline and the
coarse/fine config in one run, the comparison line, the results and the
bar chart."""
import json

from mmfine.datasets.synthetic_transfer_videos import make_transfer_videos
from mmfine.testing import ROOT, import_tool, tiny_transfer_options

DEMO = f'{ROOT}/configs/demo/' \
    '{}_r3d-tiny_1xb16-20e_transfer-videos-set1.py'


def test_two_configs_both_directions(tmp_path, capsys):
    data = tmp_path / 'videos'
    make_transfer_videos(str(data), dict(train=2, val=1), frames=16)
    options = [
        f'{k}={v}' for k, v in tiny_transfer_options(str(data)).items()
        if 'data_prefix' not in k
    ]
    for loader in ('train', 'val', 'test'):
        options.append(f'{loader}_dataloader.dataset.data_prefix.video='
                       f'{data}')
    work = tmp_path / 'work'
    import_tool('analysis/motion_transferability.py').main([
        DEMO.format('coarse'),
        DEMO.format('coarse-fine'), '--work-dir',
        str(work), '--cfg-options'
    ] + options)
    out = capsys.readouterr().out
    assert 'coarse-fine vs coarse: HM' in out and 'training time x' in out
    results = json.loads((work / 'results.json').read_text())
    assert set(results) == {'coarse', 'coarse-fine'}
    assert len(results['coarse']['runs']) == 2
    assert 'fine_known' in results['coarse-fine']['summary']
    assert 'fine_known' not in results['coarse']['summary']
    assert (work / 'transferability.png').stat().st_size > 1000
