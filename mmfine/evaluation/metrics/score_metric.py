"""The part every score (AQA) metric shares: collecting predictions."""
from typing import Dict, Sequence

from mmengine.evaluator import BaseMetric


class ScoreMetric(BaseMetric):
    """Collects ``pred_score``, ``gt_score``, ``score_range`` and the
    optional ``score_group`` (action or score type) of each data sample, as
    set by ``FeatureAssessor`` and ``PackScoreInputs``."""

    def process(self, data_batch, data_samples: Sequence[Dict]) -> None:
        for sample in data_samples:
            missing = [
                k for k in ('pred_score', 'gt_score', 'score_range')
                if k not in sample
            ]
            if missing:
                raise KeyError(f'{type(self).__name__}: data sample lacks '
                               f'{missing} (is the model an assessor?)')
            self.results.append(
                dict(
                    pred=float(sample['pred_score']),
                    gt=float(sample['gt_score']),
                    score_range=tuple(sample['score_range']),
                    group=str(sample.get('score_group', 'score'))))

    def grouped(self, results):
        """``{group: list of results}``, groups in order of appearance."""
        groups = {}
        for result in results:
            groups.setdefault(result['group'], []).append(result)
        return groups
