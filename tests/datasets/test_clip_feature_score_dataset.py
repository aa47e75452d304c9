import numpy as np
import pytest
import torch
from mmengine.registry import init_default_scope

from mmaction.registry import DATASETS, MODELS
from mmfine.datasets import read_score_table

PIPELINE = [
    dict(type='LoadClipFeatures'),
    dict(type='SampleClipWindow', num_clips=4),
    dict(type='PackScoreInputs')
]


def write_set(root, lengths=(6, 3), dim=8, scores=(12.5, 20.0)):
    (root / 'features').mkdir()
    rng = np.random.default_rng(0)
    for i, n in enumerate(lengths):
        np.save(root / 'features' / f'v{i}.npy',
                rng.normal(size=(n, dim)).astype(np.float32))
    lines = ['Video_Name,Difficulty,Execution,Total,Penalty,Video_length']
    lines += [f'v{i},5,6,{s},0,100' for i, s in enumerate(scores)]
    (root / 'train.txt').write_text('\n'.join(lines) + '\n')


def dataset(root, **kwargs):
    init_default_scope('mmaction')
    cfg = dict(
        type='ClipFeatureScoreDataset',
        data_root=str(root),
        ann_file='train.txt',
        feature_dir='features',
        label_format='rg',
        score_column='Total',
        score_range=(0, 25),
        pipeline=PIPELINE)
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def test_window_in_training_and_all_clips_in_test(tmp_path):
    write_set(tmp_path)
    train = dataset(tmp_path)
    full = np.load(tmp_path / 'features' / 'v0.npy')
    starts = set()
    for _ in range(30):
        item = train[0]
        start = item['data_samples'].metainfo['clip_start']
        starts.add(start)
        assert torch.equal(item['inputs'],
                           torch.from_numpy(full[start:start + 4]))
    assert starts == {0, 1, 2}
    assert train[1]['inputs'].shape == (3, 8)  # shorter: all its clips
    test = dataset(
        tmp_path,
        test_mode=True,
        pipeline=[
            dict(type='LoadClipFeatures'),
            dict(type='SampleClipWindow', num_clips=4, test_mode=True),
            dict(type='PackScoreInputs')
        ])
    assert torch.equal(test[0]['inputs'], torch.from_numpy(full))
    sample = test[0]['data_samples']
    assert sample.gt_score == 12.5
    assert sample.metainfo['score_range'] == (0.0, 25.0)
    assert sample.metainfo['score_group'] == 'Total'


def test_assessor_normalises_and_denormalises(tmp_path):
    write_set(tmp_path)
    data = dataset(tmp_path)
    model = MODELS.build(
        dict(
            type='FeatureAssessor',
            head=dict(type='PooledRegressionHead', in_channels=8)))
    batch = model.data_preprocessor(
        dict(
            inputs=[data[0]['inputs'], data[1]['inputs']],
            data_samples=[data[0]['data_samples'], data[1]['data_samples']]),
        True)
    assert batch['inputs'].shape == (2, 4, 8)
    assert batch['inputs'][1, 3].abs().sum() == 0  # zero padding
    assert [s.metainfo['num_clips'] for s in batch['data_samples']] == [4, 3]
    mask = model.clip_mask(batch['inputs'], batch['data_samples'])
    assert mask.tolist() == [[True] * 4, [True] * 3 + [False]]
    seen = {}
    model.head.loss = lambda clips, m, target: seen.update(target=target)
    model(**batch, mode='loss')
    assert torch.allclose(seen['target'], torch.tensor([0.5, 0.8]))
    model.eval()
    out = model(**batch, mode='predict')
    for sample in out:
        assert sample.pred_score == pytest.approx(
            25 * sample.pred_score_normalised, rel=1e-5)


@pytest.mark.parametrize('fmt,text,column,expected', [
    ('fisv', '1 25.5 30.1 0\n2 30 31 -1\n', 'PCS', [('1', 30.1), ('2', 31)]),
    ('fisv', 'id,TES,PCS,Deductions\n7,20,21,0\n', 'tes', [('7', 20.0)]),
    ('csv', 'video,score\na,1.5\nb,2\n', 'score', [('a', 1.5), ('b', 2.0)]),
    ('rg', 'x\t1\t2\t3.5\t0\t9\n', 'Total', [('x', 3.5)]),
])
def test_label_formats(tmp_path, fmt, text, column, expected):
    path = tmp_path / 'labels.txt'
    path.write_text(text)
    assert read_score_table(str(path), fmt, column) == expected


def test_bad_input_names_the_file(tmp_path):
    write_set(tmp_path, scores=(12.5, 30.0))
    with pytest.raises(
            ValueError,
            match=r'train.txt: v1 has Total 30.0, '
            'outside the declared score_range'):
        dataset(tmp_path)
    with pytest.raises(KeyError, match="train.txt: no score column 'TES'"):
        dataset(tmp_path, score_column='TES')
    with pytest.raises(
            ValueError, match='v0.npy: features of dimension 8, '
            'expected 16'):
        dataset(tmp_path, feature_dim=16, score_range=(0, 40))
    np.save(tmp_path / 'features' / 'v1.npy', np.zeros((0, 8), np.float32))
    with pytest.raises(ValueError, match='v1.npy: empty feature file'):
        dataset(tmp_path, score_range=(0, 40))
    (tmp_path / 'features' / 'v1.npy').write_bytes(b'')
    with pytest.raises(ValueError, match='v1.npy: not a readable .npy'):
        dataset(tmp_path, score_range=(0, 40))
    (tmp_path / 'features' / 'v1.npy').unlink()
    with pytest.raises(FileNotFoundError, match='v1.npy'):
        dataset(tmp_path, score_range=(0, 40))
    (tmp_path / 'bad.txt').write_text('video,score\na,high\n')
    with pytest.raises(ValueError, match='bad.txt, line 2: score'):
        read_score_table(str(tmp_path / 'bad.txt'), 'csv', 'score')


def test_assessor_maps_a_range_that_does_not_start_at_zero(tmp_path):
    """Scores in [40, 60] (ski jumping): the head learns (s - 40) / 20 and
    predictions come back as 40 + 20 x the normalised score."""
    write_set(tmp_path)
    data = dataset(tmp_path)
    samples = [data[i]['data_samples'] for i in (0, 1)]
    for sample, score in zip(samples, (45.0, 58.0)):
        sample.set_metainfo(dict(score_range=(40.0, 60.0)))
        sample.gt_score = score
    model = MODELS.build(
        dict(
            type='FeatureAssessor',
            head=dict(type='PooledRegressionHead', in_channels=8)))
    batch = model.data_preprocessor(
        dict(inputs=[data[0]['inputs'], data[1]['inputs']],
             data_samples=samples), True)
    seen = {}
    model.head.loss = lambda clips, m, target: seen.update(target=target)
    model(**batch, mode='loss')
    assert torch.allclose(seen['target'], torch.tensor([0.25, 0.9]))
    model.eval()
    for sample in model(**batch, mode='predict'):
        assert sample.pred_score == pytest.approx(
            40 + 20 * sample.pred_score_normalised, rel=1e-5)
