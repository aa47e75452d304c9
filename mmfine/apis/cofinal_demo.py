"""CoFInAl's demo on generated judged routines: CoFInAl against the
GDLT-style head and a linear regressor on the same clip features.

Generates routines whose judged score is graded by the amplitude error and
the tremor of each of five elements (``mmfine.datasets.
synthetic_quality_skeleton``), encodes 16-frame clips with the
parameter-free ``KinematicPoseEncoder`` (``mmfine.apis.clip_features``),
trains the three scoring heads through MMAction2's Runner with one
schedule, and reports SRCC and relative L2 on the test routines, with a
scatter of predicted against true scores.
"""
import os.path as osp
from typing import Sequence

import numpy as np

from mmfine.datasets.score_table import write_score_table
from mmfine.datasets.synthetic_quality_skeleton import SCORE_RANGE
from mmfine.utils import REPO_ROOT
from .assessor_runs import train_and_test_assessor
from .demo_result import DemoResult

DATA = osp.join(REPO_ROOT, 'data', 'quality_routines')
CLIP_LEN = 16
METHODS = [
    ('linear regressor',
     'configs/demo/linear-regressor_1xb32-200e_quality-routines.py'),
    ('GDLT-style', 'configs/demo/gdlt_1xb32-200e_quality-routines.py'),
    ('CoFInAl', 'configs/demo/cofinal_1xb32-200e_quality-routines.py'),
]
ENCODER = osp.join(REPO_ROOT, 'configs', '_base_', 'models',
                   'kinematic_pose_encoder.py')


def ensure_data(num_train: int = 400, num_test: int = 100) -> None:
    """Generate the routines, their clip features and the score lists
    when missing."""
    if osp.exists(osp.join(DATA, 'test.csv')):
        return
    from mmfine.datasets.synthetic_quality_skeleton import make_quality_dataset
    from .clip_features import build_feature_extractor, extract_pose_features
    print(f'generating the judged routines: {osp.relpath(DATA, REPO_ROOT)}')
    data = make_quality_dataset(num_train, num_test)
    encoder = build_feature_extractor(ENCODER)
    for split, routines in data.items():
        result = extract_pose_features(
            encoder,
            routines,
            osp.join(DATA, 'features'),
            steps=[],
            clip_len=CLIP_LEN,
            progress=False)
        if result.failed:
            raise RuntimeError(result.summary())
        write_score_table(
            osp.join(DATA, f'{split}.csv'),
            [(r['frame_dir'], r['score']) for r in routines])


def slug(name: str) -> str:
    """A file-name form of a head's name (``'GDLT-style'`` ->
    ``'gdlt_style'``)."""
    return name.lower().replace(' ', '_').replace('-', '_')


def run_cofinal_demo(work_dir: str,
                     seeds: Sequence[int] = (0, )) -> DemoResult:
    """Run the demo (see the module docstring).

    Args:
        work_dir (str): Where runs and the scatter plot go.
        seeds (Sequence[int]): Train every head once per seed; the table
            gives mean and spread (std) over them.

    Returns:
        DemoResult: Table of SRCC and relative L2 per head; headline: each
        head's SRCC and CoFInAl's lead over the best baseline; the plot.
    """
    from rich.table import Table

    from mmfine.visualization import score_scatter_figure
    ensure_data()
    rows = {
        name: [
            train_and_test_assessor(
                osp.join(REPO_ROOT, config),
                osp.join(work_dir, f'{slug(name)}_seed{s}'), s)
            for s in seeds
        ]
        for name, config in METHODS
    }
    plot = osp.join(work_dir, 'predicted_vs_true.png')
    score_scatter_figure(
        {
            n: (r[0]['pred'], r[0]['gt'])
            for n, r in rows.items()
        },
        SCORE_RANGE,
        title=f'test routines, seed {seeds[0]}').savefig(plot)
    table = Table(
        title='Generated judged routines: 400 train, 100 test, scores 0-10 '
        f'(SRCC and R-L2 x100, mean ± std over {len(seeds)} seed(s))')
    for column in ('head', 'SRCC', 'R-L2', 'train'):
        table.add_column(
            column, justify='left' if column == 'head' else 'right')

    def stat(runs, key):
        values = np.array([r[key] for r in runs])
        return values.mean(), values.std()

    for name, runs in rows.items():
        (srcc, srcc_sd), (rl2, rl2_sd) = stat(runs, 'srcc'), stat(runs, 'rl2')
        table.add_row(name, f'{srcc:.3f} ± {srcc_sd:.3f}',
                      f'{rl2:.2f} ± {rl2_sd:.2f}',
                      f"{stat(runs, 'train_s')[0]:.0f} s")
    headline = {
        f'{n} SRCC': '{:.3f} ± {:.3f}'.format(*stat(r, 'srcc'))
        for n, r in rows.items()
    }
    best_baseline = max(
        stat(r, 'srcc')[0] for n, r in rows.items() if n != 'CoFInAl')
    headline['CoFInAl - best baseline'] = (
        f"{stat(rows['CoFInAl'], 'srcc')[0] - best_baseline:+.3f}")
    return DemoResult('CoFInAl', table, headline, [plot])
