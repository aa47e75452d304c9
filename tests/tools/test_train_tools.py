import glob
import os
import os.path as osp
import pickle
import socket
import subprocess
import sys

import pytest
from mmengine.config import Config

from mmfine.datasets.synthetic_fine_skeleton import CLASS_NAMES
from mmfine.testing import DEMO_CONFIG, ROOT, tiny_skeleton_data

TINY = ['train_dataloader.dataset.times=1', 'train_cfg.max_epochs=1',
        'train_dataloader.batch_size=4', 'log_level=WARNING']


def tiny_options(ann):
    return TINY + [f'train_dataloader.dataset.dataset.ann_file={ann}',
                   f'val_dataloader.dataset.ann_file={ann}',
                   f'test_dataloader.dataset.ann_file={ann}']


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return str(s.getsockname()[1])


def run(cmd, **env):
    full_env = dict(os.environ, PYTHONWARNINGS='ignore',
                    PYTHON=sys.executable, **env)
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True,
                            timeout=600, env=full_env)
    assert result.returncode == 0, result.stdout[-3000:] + \
        result.stderr[-3000:]
    return result


@pytest.fixture(scope='module')
def tiny_ann(tmp_path_factory):
    return tiny_skeleton_data(
        str(tmp_path_factory.mktemp('data') / 'tiny.pkl'))


def test_stock_mmaction_train_runs_an_mmfine_config(tmp_path, tiny_ann):
    import mmaction
    stock = osp.join(osp.dirname(mmaction.__file__), '.mim', 'tools',
                     'train.py')
    if not osp.exists(stock):
        pytest.skip('mmaction2 installed without its .mim tools')
    run([sys.executable, stock, DEMO_CONFIG, '--work-dir', str(tmp_path),
         '--cfg-options'] + tiny_options(tiny_ann))
    assert osp.exists(tmp_path / 'epoch_1.pth')
    assert glob.glob(str(tmp_path / '*' / 'vis_data' / 'vis_image' /
                         'confusion_matrix_*.png'))


def test_dist_train_and_test_with_two_processes(tmp_path, tiny_ann):
    """Two CPU processes (gloo): each trains on half of the 24 samples and
    the test predictions of both ranks are gathered (12 test samples)."""
    work = tmp_path / 'work'
    result = run(['bash', 'tools/dist_train.sh', DEMO_CONFIG, '2',
                  '--work-dir', str(work), '--cfg-options'] +
                 [o for o in tiny_options(tiny_ann) if 'log_level' not in o],
                 PORT=free_port())
    log = result.stdout + result.stderr
    assert 'Distributed training: True' in log
    assert 'Epoch(train) [1][3/3]' in log  # 24 samples / 2 ranks / batch 4
    dump = tmp_path / 'preds.pkl'
    run(['bash', 'tools/dist_test.sh', DEMO_CONFIG, str(work / 'epoch_1.pth'),
         '2', '--work-dir', str(tmp_path / 'test'), '--dump', str(dump),
         '--cfg-options'] + tiny_options(tiny_ann), PORT=free_port())
    with open(dump, 'rb') as f:
        predictions = pickle.load(f)
    assert len(predictions) == len(CLASS_NAMES)
    assert sorted(int(p['gt_label']) for p in predictions) == \
        list(range(len(CLASS_NAMES)))


@pytest.mark.parametrize(
    'variant', [[], ['model.streams=six', 'model.fusion=None']],
    ids=['finetec', 'six-stream'])
def test_finetec_trains_under_ddp(tmp_path, tiny_ann, variant):
    """FineTec and Table 9's six-stream variant under DDP (gloo, two CPU
    processes, MMEngine's default ``find_unused_parameters=False``). DDP
    stops at the second iteration when a parameter got no gradient in the
    first, and mmengine broadcasts every state entry first (the
    completion's settings were a dict, which stopped every FineTec
    ``dist_train.sh``); all three iterations of each rank run."""
    from mmengine.registry import init_default_scope
    from mmengine.runner import save_checkpoint

    from mmaction.registry import MODELS
    from mmfine.utils import load_config
    init_default_scope('mmaction')
    demo = osp.join(ROOT, 'configs', 'demo')
    cfg = load_config(
        osp.join(demo, 'completion_mlp_1xb64-600i_fine-skeleton-coco17-2d.py'))
    cfg.model.completion.bank_file = None
    checkpoint = str(tmp_path / 'completion.pth')
    save_checkpoint(
        dict(state_dict=MODELS.build(cfg.model).state_dict(), meta={}),
        checkpoint)
    result = run(['bash', 'tools/dist_train.sh',
                  osp.join(demo, 'finetec_stgcn_1xb32-10e_fine-skeleton-'
                           'coco17-2d-corrupted.py'), '2',
                  '--work-dir', str(tmp_path / 'work'), '--cfg-options'] +
                 [o for o in tiny_options(tiny_ann) if 'log_level' not in o] +
                 variant + [f'model.completion_checkpoint={checkpoint}'],
                 PORT=free_port())
    log = result.stdout + result.stderr
    assert 'Distributed training: True' in log
    assert 'Epoch(train) [1][3/3]' in log  # 24 samples / 2 ranks / batch 4
    assert osp.exists(tmp_path / 'work' / 'epoch_1.pth')


def test_resume_flag_continues_from_the_work_dir(tmp_path, tiny_ann):
    opts = tiny_options(tiny_ann)
    run([sys.executable, 'tools/train.py', DEMO_CONFIG, '--work-dir',
         str(tmp_path), '--cfg-options'] + opts)
    result = run([sys.executable, 'tools/train.py', DEMO_CONFIG,
                  '--work-dir', str(tmp_path), '--resume', '--cfg-options'] +
                 [o.replace('max_epochs=1', 'max_epochs=2') for o in opts] +
                 ['log_level=INFO'])
    assert 'resumed epoch: 1, iter: 6' in result.stdout + result.stderr
    assert osp.exists(tmp_path / 'epoch_2.pth')


def _merge(*argv):
    sys.path.insert(0, osp.join(ROOT, 'tools'))
    try:
        import train
    finally:
        sys.path.pop(0)
    old = sys.argv
    sys.argv = ['train.py', DEMO_CONFIG, *argv]
    try:
        args = train.parse_args()
    finally:
        sys.argv = old
    return train.merge_args(Config.fromfile(DEMO_CONFIG), args)


def test_train_flags_are_mmaction_flags():
    cfg = _merge('--work-dir', 'w', '--resume', 'x.pth', '--no-validate',
                 '--auto-scale-lr', '--seed', '7', '--cfg-options',
                 'train_cfg.max_epochs=3')
    assert cfg.work_dir == 'w' and cfg.resume and cfg.load_from == 'x.pth'
    assert cfg.val_dataloader is None and cfg.auto_scale_lr.enable
    assert cfg.randomness.seed == 7 and cfg.train_cfg.max_epochs == 3
    cfg = _merge('--amp')
    assert cfg.optim_wrapper.type == 'AmpOptimWrapper'
    cfg = _merge()
    assert cfg.work_dir.endswith(osp.join(
        'work_dirs', 'stgcn_1xb32-10e_fine-skeleton-coco17-2d'))


SEFAR_DEMO = osp.join(ROOT, 'configs', 'demo',
                      'sefar_tiny_1xb8-80e_submotion-videos-10pct.py')


def test_sefar_dist_train_with_two_processes(tmp_path):
    """SeFAR under DDP (gloo, two CPU processes): the semi-supervised
    batch sampler gives each rank half of the 6 labelled clips (an epoch:
    one batch of 2 labelled + 6 unlabelled), the EMA teacher and both
    unlabelled losses run from the first iteration."""
    from mmfine.datasets.semi_supervised_split import split_labeled
    from mmfine.datasets.synthetic_submotion_videos import \
        make_submotion_videos
    root = str(tmp_path / 'videos')
    lists = make_submotion_videos(root, dict(train=4, val=1), frames=12,
                                  event_frames=3)
    labeled, unlabeled = split_labeled(lists['train'], 25, seed=0)
    assert (len(labeled), len(unlabeled)) == (6, 18)
    for name, lines in (('labeled', labeled), ('unlabeled', unlabeled)):
        with open(osp.join(root, f'{name}.txt'), 'w') as f:
            f.write('\n'.join(lines) + '\n')
    options = ['train_cfg.max_epochs=1', 'model.warmup_epochs=0',
               'train_dataloader.batch_sampler.warmup_epochs=0',
               'default_hooks.logger.interval=1']
    for i, name in enumerate(('labeled', 'unlabeled')):
        prefix = f'train_dataloader.dataset.datasets.{i}'
        options += [f'{prefix}.ann_file={root}/{name}.txt',
                    f'{prefix}.data_prefix.video={root}']
    for loader in ('val_dataloader', 'test_dataloader'):
        options += [f'{loader}.dataset.ann_file={root}/val.txt',
                    f'{loader}.dataset.data_prefix.video={root}']
    result = run(['bash', 'tools/dist_train.sh', SEFAR_DEMO, '2',
                  '--work-dir', str(tmp_path / 'work'), '--cfg-options'] +
                 options, PORT=free_port())
    log = result.stdout + result.stderr
    assert 'Distributed training: True' in log
    line = next(t for t in log.splitlines() if 'Epoch(train) [1][1/1]' in t)
    for key in ('loss_cls', 'loss_unsup', 'loss_mix', 'ar_weight',
                'pseudo_acc'):
        assert f'{key}: ' in line, line
    assert osp.exists(tmp_path / 'work' / 'epoch_1.pth')


CORRUPTED = osp.join(ROOT, 'configs', 'demo',
                     'stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py')


@pytest.mark.parametrize('level,expected', [('severe', 'severe'),
                                            ('0.3', 0.3)])
def test_test_corruption_flag_sets_the_level(level, expected):
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        'mmfine_test_tool', osp.join(ROOT, 'tools', 'test.py'))
    test_tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(test_tool)
    old = sys.argv
    sys.argv = ['test.py', CORRUPTED, 'x.pth', '--corruption', level]
    try:
        args = test_tool.parse_args()
    finally:
        sys.argv = old
    cfg = test_tool.merge_args(Config.fromfile(CORRUPTED), args)
    step = next(t for t in cfg.test_dataloader.dataset.pipeline
                if t.type == 'TemporalCorruption')
    assert step.drop_ratio == expected


def test_testing_a_finetec_checkpoint_needs_no_completion_files(tmp_path):
    """The trained checkpoint holds the completion and its bank: files the
    config names but this machine lacks are not loaded; present ones are."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        'mmfine_test_tool', osp.join(ROOT, 'tools', 'test.py'))
    test_tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(test_tool)
    cfg = Config(dict(model=dict(
        completion_checkpoint=str(tmp_path / 'gone.pth'),
        completion=dict(bank_file=str(tmp_path / 'gone.pkl')))))
    test_tool.drop_missing_completion_files(cfg)
    assert cfg.model.completion_checkpoint is None
    assert cfg.model.completion.bank_file is None
    (tmp_path / 'here.pth').write_bytes(b'')
    (tmp_path / 'here.pkl').write_bytes(b'')
    cfg = Config(dict(model=dict(
        completion_checkpoint=str(tmp_path / 'here.pth'),
        completion=dict(bank_file=str(tmp_path / 'here.pkl')))))
    test_tool.drop_missing_completion_files(cfg)
    assert cfg.model.completion_checkpoint == str(tmp_path / 'here.pth')
    assert cfg.model.completion.bank_file == str(tmp_path / 'here.pkl')
    stgcn = Config(dict(model=dict(type='RecognizerGCN')))
    assert test_tool.drop_missing_completion_files(stgcn).model == \
        dict(type='RecognizerGCN')


def load_benchmark_finetec_real():
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        'mmfine_benchmark_finetec_real',
        osp.join(ROOT, 'tools', 'analysis', 'benchmark_finetec_real.py'))
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_finetec_benchmark_ablations_become_config_overrides(monkeypatch):
    tool = load_benchmark_finetec_real()
    monkeypatch.setattr(sys, 'argv', [
        'benchmark_finetec_real.py', '--dataset', 'msr_action3d', '--ablate',
        'held-gate', 'model.physics.loss_trains_gate=False', '--ablate', 'k1',
        'model.completion.retrieve_k=1', 'model.acc_loss_weight=0.5'
    ])
    args = tool.parse_args()
    assert [tool.overrides(items) for _, *items in args.ablate] == [
        {'model.physics.loss_trains_gate': False},
        {'model.completion.retrieve_k': 1, 'model.acc_loss_weight': 0.5}]
    assert tool.options_dir_name('completion', {}) == 'completion'
    assert tool.options_dir_name('stgcn', {'clip_len': 48}) == \
        'stgcn_clip_len-48'
    assert tool.options_dir_name(
        'completion', {'model.completion.num_blocks': 48,
                       'model.completion.centre_windows': False}) == \
        'completion_centre_windows-False_num_blocks-48'
    blocks = {'model.completion.num_blocks': 48}
    assert tool.run_dir_name('FineTec held-gate', {'clip_len': 48},
                             blocks) == \
        'finetec_heldgate_clip_len-48_completion_num_blocks-48'
    assert tool.run_dir_name('FineTec', {'clip_len': 48},
                             {'clip_len': 16}) == \
        'finetec_clip_len-48_completion_clip_len-16'
    assert tool.run_dir_name('ST-GCN+interp', {'clip_len': 48}, blocks) == \
        'stgcn_interp_clip_len-48'
    completion = ('configs/finetec/completion_mlp_1xb64-10k_'
                  'msr-action3d-xsub-3d.py')
    finetec = ('configs/finetec/finetec_stgcn_8xb16-40e_'
               'msr-action3d-xsub-3d-moderate.py')
    assert tool.matched_clip_len(completion, finetec, {}) == {}
    assert tool.matched_clip_len(completion, finetec,
                                 {'clip_len': 48}) == {'clip_len': 48}
    for bad in (['--ablate', 'no-overrides'],
                ['--ablate', 'model.x=1', 'model.y=2']):
        monkeypatch.setattr(sys, 'argv', ['benchmark_finetec_real.py'] + bad)
        with pytest.raises(SystemExit):
            tool.parse_args()


def test_finetec_speed_benchmark_runs_and_ends_with_the_ratio():
    """A training step of FineTec needs sample names (own bank windows are
    excluded by name): the benchmark's batch carries them."""
    out = subprocess.run(
        [sys.executable, 'tools/analysis/benchmark_finetec_speed.py',
         '--batch', '2', '--repeats', '1'],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    last = out.stdout.strip().splitlines()[-1]
    assert last.startswith('FineTec / ST-GCN inference time: '), last
    assert 'where FineTec inference time goes: completion' in out.stdout
