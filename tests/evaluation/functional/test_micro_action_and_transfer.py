"""MA-52's body labels, F1 scores and F1_mean, and the transferability
metrics, against hand-computed values."""
import math

import numpy as np
import pytest

from mmfine.evaluation.functional import (f1_mean, f1_scores, ma52_body_label,
                                          transfer_metrics)
from mmfine.testing import shared_dataset


def test_body_labels_follow_the_action_ranges():
    # the first and last action of every range (METHODS.md section 5)
    ranges = [(0, 4), (5, 10), (11, 23), (24, 31), (32, 37), (38, 47),
              (48, 51)]
    for body, (first, last) in enumerate(ranges):
        assert ma52_body_label(first) == body
        assert ma52_body_label(last) == body
    assert list(ma52_body_label(np.arange(52))) == sum(
        ([b] * (last - first + 1) for b, (first, last) in enumerate(ranges)),
        [])
    with pytest.raises(ValueError, match=r'\[0, 52\)'):
        ma52_body_label([3, 52])


@pytest.mark.realdata
def test_body_labels_agree_with_the_action_names():
    path = f"{shared_dataset('microaction')}/ma52_label_name.txt"
    names = dict(line.rstrip('\n').split('\t') for line in open(path))
    assert 'head' in names['5'] and 'head' in names['10']  # head actions
    assert 'legs' in names['24'] and 'feet' in names['51']
    assert ma52_body_label(5) == 1 and ma52_body_label(24) == 3


def test_f1_scores_by_hand():
    gt = [0, 0, 1, 1, 2]
    pred = [0, 1, 1, 1, 0]
    # class 0: tp 1, pred 2, gt 2 -> 0.5; class 1: tp 2, pred 3, gt 2 ->
    # 0.8; class 2: tp 0 -> 0 ; macro 1.3 / 3, micro = accuracy 3 / 5
    micro, macro = f1_scores(pred, gt)
    assert micro == pytest.approx(0.6)
    assert macro == pytest.approx(1.3 / 3)
    # a class only predicted counts (as scikit-learn's labels=None)
    assert f1_scores([3, 0], [0, 0])[1] == pytest.approx((2 / 3 + 0) / 2)
    with pytest.raises(ValueError, match='equal-length'):
        f1_scores([0, 1], [0])


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_f1_scores_match_scikit_learn(seed):
    from sklearn.metrics import f1_score
    rng = np.random.default_rng(seed)
    gt = rng.integers(0, 52, 300)
    # mostly right, some classes never predicted, some only predicted
    pred = np.where(rng.random(300) < 0.6, gt, rng.integers(0, 60, 300))
    micro, macro = f1_scores(pred, gt)
    assert micro == pytest.approx(f1_score(gt, pred, average='micro'))
    assert macro == pytest.approx(
        f1_score(gt, pred, average='macro', zero_division=0))
    pred = pred % 52  # MA-52's actions only
    out = f1_mean(pred, gt)
    body_gt, body_pred = ma52_body_label(gt), ma52_body_label(pred)
    expected = np.mean([
        f1_score(gt, pred, average='micro'),
        f1_score(gt, pred, average='macro', zero_division=0),
        f1_score(body_gt, body_pred, average='micro'),
        f1_score(body_gt, body_pred, average='macro', zero_division=0)
    ])
    assert out['f1_mean'] == pytest.approx(expected)


def test_f1_mean_averages_four_scores():
    gt = [0, 5, 11, 24, 48]  # bodies 0, 1, 2, 3, 6
    pred = [1, 5, 12, 40, 48]  # bodies 0, 1, 2, 5, 6
    out = f1_mean(pred, gt)
    assert out['action_micro_f1'] == pytest.approx(2 / 5)
    assert out['body_micro_f1'] == pytest.approx(4 / 5)
    # bodies: 0,1,2,6 right (F1 1 each), 3 missed and 5 wrong (0 each)
    assert out['body_macro_f1'] == pytest.approx(4 / 6)
    assert out['f1_mean'] == pytest.approx(
        np.mean([
            out[k] for k in ('action_micro_f1', 'action_macro_f1',
                             'body_micro_f1', 'body_macro_f1')
        ]))
    # a body head's own predictions replace the derived ones
    assert f1_mean(pred, gt, body_pred=[0, 1, 2, 3, 6])['body_micro_f1'] == 1


def test_transfer_metrics_by_hand():
    out = transfer_metrics(80.0, 60.0)
    assert out['D_abs'] == pytest.approx(20.0)
    assert out['D_rel'] == pytest.approx(25.0)
    assert out['HM'] == pytest.approx(2 * 80 * 60 / 140)
    assert transfer_metrics(0, 0)['HM'] == 0
    assert math.isnan(transfer_metrics(0, 10)['D_rel'])  # no known accuracy
    with pytest.raises(ValueError, match='percentage'):
        transfer_metrics(0.8, 120)


def test_micro_action_metric(tmp_path):
    """Bodies are the body labels of the ranked actions (MA-52's
    evaluation derives them from the predicted action), also where a
    body's summed probability, or a head's own body score, would pick
    another body."""
    import torch

    from mmfine.evaluation.metrics import MicroActionMetric
    rng = np.random.default_rng(0)
    gt = np.array([0, 5, 11, 24, 48, 50, 0])
    scores = rng.normal(size=(7, 52))
    scores[np.arange(5), gt[:5]] += 10  # five right, then two cases:
    scores[5, 49] += 10  # 49 is leg-hand like 50: action wrong, body right
    # action 0 (body) on top, but the six head actions hold more mass
    scores[6] = -20.0
    scores[6, 0], scores[6, 5:11] = 2.0, 1.5
    metric = MicroActionMetric(prediction_file=str(tmp_path / 'pred.csv'))
    metric.process({}, [
        dict(pred_score=torch.tensor(s, requires_grad=True),
             pred_body_score=torch.eye(7)[6], gt_label=torch.tensor([g]),
             filename=f'/v/{i}.mp4')
        for i, (s, g) in enumerate(zip(scores, gt))
    ])
    out = metric.compute_metrics(metric.results)
    assert out['action_top1'] == pytest.approx(6 / 7)
    assert out['body_top1'] == 1.0 and out['body_top5'] == 1.0
    expected = f1_mean(scores.argmax(1), gt,
                       ma52_body_label(scores.argmax(1)))
    assert expected['body_micro_f1'] == 1.0
    assert out['f1_mean'] == pytest.approx(expected['f1_mean'])
    rows = (tmp_path / 'pred.csv').read_text().split()
    assert rows[0] == ('vid,' + ','.join(f'action_pred_{k}'
                                         for k in range(1, 6)) + ',' +
                       ','.join(f'body_pred_{k}' for k in range(1, 6)))
    for row, score in zip(rows[1:], scores):
        fields = row.split(',')
        top5 = np.argsort(-score)[:5]
        assert [int(f) for f in fields[1:6]] == list(top5)
        assert [int(f) for f in fields[6:]] == list(ma52_body_label(top5))
    assert rows[1].split(',')[0] == '0.mp4'
    assert rows[6].split(',')[1] == '49'  # the wrong guess, listed first
    assert rows[7].split(',')[6:8] == ['0', '1']  # body 0 first, then head
    with pytest.raises(ValueError, match='52 action scores'):
        metric.process({}, [dict(pred_score=np.zeros(10), gt_label=[0])])


def test_micro_action_metric_needs_video_names_for_the_csv(tmp_path):
    from mmfine.evaluation.metrics import MicroActionMetric
    sample = dict(pred_score=np.zeros(52), gt_label=np.array([0]))
    MicroActionMetric().process({}, [sample])  # no csv: no name needed
    with pytest.raises(ValueError, match="add 'filename'"):
        MicroActionMetric(prediction_file=str(tmp_path / 'p.csv')).process(
            {}, [sample])


def test_rgb_config_names_videos_in_the_csv(tmp_path):
    """The MA-52 RGB config's own dataset and test pipeline, run on a real
    (generated) video, give the metric the name of the video."""
    from mmengine.config import Config

    import mmfine  # noqa: F401
    from mmaction.registry import DATASETS
    from mmfine.datasets.synthetic_motion_videos import write_video
    from mmfine.evaluation.metrics import MicroActionMetric
    from mmfine.utils import REPO_ROOT
    cfg = Config.fromfile(
        f'{REPO_ROOT}/configs/microaction/tsm-hier_imagenet-pretrained-'
        'r50_8xb16-1x1x8-50e_ma52-rgb.py')
    write_video(str(tmp_path / 'a_clip.mp4'),
                np.zeros((12, 64, 96, 3), np.uint8))
    (tmp_path / 'list.txt').write_text('a_clip.mp4 7\n')
    for loader in ('val_dataloader', 'test_dataloader'):
        dataset = DATASETS.build(
            dict(
                cfg[loader].dataset,
                ann_file=str(tmp_path / 'list.txt'),
                data_prefix=dict(video=str(tmp_path))))
        packed = dataset[0]
        metric = MicroActionMetric(prediction_file=str(tmp_path / 'p.csv'))
        metric.process({}, [
            dict(
                packed['data_samples'].to_dict(),
                pred_score=np.eye(52)[7],
                gt_label=np.array([7]))
        ])
        metric.compute_metrics(metric.results)
        rows = (tmp_path / 'p.csv').read_text().split()
        assert rows[1].split(',')[:2] == ['a_clip.mp4', '7'], loader
