"""The benchmarks demo's parts that need no training: the generated sets
are written once, and MA-Bench is skipped with the reason when the
sample questions are absent."""
from mmfine.apis import benchmarks_demo


def test_transfer_videos_are_written_once_per_settings(tmp_path, monkeypatch):
    monkeypatch.setattr(benchmarks_demo, 'TRANSFER_DATA', str(tmp_path))
    monkeypatch.setattr(
        benchmarks_demo, 'TRANSFER_SETTINGS',
        dict(per_class=dict(train=1, val=1), frames=4, size=16, seed=0))
    benchmarks_demo.ensure_transfer_data()
    stamp = (tmp_path / 'settings.json').stat().st_mtime_ns
    benchmarks_demo.ensure_transfer_data()  # current: nothing written
    assert (tmp_path / 'settings.json').stat().st_mtime_ns == stamp
    assert len(
        (tmp_path / 'train_set1_fine.txt').read_text().split('\n')) == 12 + 1
    # other settings (here more videos per class): generated again
    monkeypatch.setitem(benchmarks_demo.TRANSFER_SETTINGS, 'per_class',
                        dict(train=2, val=1))
    benchmarks_demo.ensure_transfer_data()
    assert len(
        (tmp_path / 'train_set1_fine.txt').read_text().split('\n')) == 24 + 1


def test_mabench_is_skipped_with_the_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(benchmarks_demo, 'shared_data_dir',
                        lambda: str(tmp_path))
    result = benchmarks_demo.mabench_reference(str(tmp_path))
    assert 'no MA-Bench questions at' in result['skipped']
    assert 'MMFINE_SHARED_DATA' in result['skipped']
