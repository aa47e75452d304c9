"""The CoFInAl demo's data: routines, their kinematic clip features and
score lists, written once."""
import numpy as np

from mmfine.apis import cofinal_demo
from mmfine.datasets.synthetic_quality_skeleton import make_quality_dataset


def test_ensure_data_writes_features_and_scores(tmp_path, monkeypatch):
    monkeypatch.setattr(cofinal_demo, 'DATA', str(tmp_path))
    cofinal_demo.ensure_data(num_train=4, num_test=2)
    expected = make_quality_dataset(4, 2)
    for split, routines in expected.items():
        lines = (tmp_path / f'{split}.csv').read_text().split()
        assert lines[0] == 'video,score'
        assert len(lines) == len(routines) + 1
        for line, routine in zip(lines[1:], routines):
            name, score = line.split(',')
            assert name == routine['frame_dir']
            assert float(score) == round(routine['score'], 4)
            features = np.load(tmp_path / 'features' / f'{name}.npy')
            # 16-frame clips; 17 joints x 2 coordinates x 3 statistics
            assert features.shape == (routine['total_frames'] // 16, 102)
    # a second call finds the data and writes nothing
    stamp = (tmp_path / 'test.csv').stat().st_mtime_ns
    cofinal_demo.ensure_data(num_train=4, num_test=2)
    assert (tmp_path / 'test.csv').stat().st_mtime_ns == stamp
