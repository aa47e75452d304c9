import os.path as osp
import re

from mmfine.testing import ROOT


def quick_start_commands():
    text = open(osp.join(ROOT, 'README.md')).read()
    section = text.split('## Quick start', 1)[1]
    block = re.search(r'```(?:bash|sh)?\n(.*?)```', section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert not any(c.lstrip().startswith('#') for c in commands)


def test_ci_runs_the_readme_test_command():
    ci = open(osp.join(ROOT, '.ci', 'run')).read().splitlines()
    assert quick_start_commands()[1] in ci
    assert 'pytest' in quick_start_commands()[1]


def test_registry_table_lists_every_registered_entry():
    """The README's registry table names each mmfine entry of MMAction2's
    registries, in the registry and file it lives in, and nothing else."""
    import mmaction.registry as registries
    import mmfine  # noqa: F401
    registered = set()
    for name in dir(registries):
        registry = getattr(registries, name)
        for key, cls in getattr(registry, '_module_dict', {}).items():
            if cls.__module__.startswith('mmfine.'):
                path = cls.__module__.replace('.', '/') + '.py'
                registered.add((name, key, path))
    text = open(osp.join(ROOT, 'README.md')).read()
    listed = set(re.findall(r'^\| `(\w+)` \| `(\w+)` \| \[`([\w/]+\.py)`\]',
                            text, re.M))
    assert len(registered) >= 25
    assert listed == registered


def test_finetec_own_skeletons_walkthrough_configs_load(tmp_path):
    """The two config children of configs/finetec/README.md "FineTec on
    your own skeletons" load, point every loader at the user's pickle and
    layout, and the recognizer names the completion's last checkpoint."""
    from mmfine.utils import load_config, split_datasets
    text = open(osp.join(ROOT, 'configs', 'finetec', 'README.md')).read()
    section = text.split('## FineTec on your own skeletons', 1)[1]
    blocks = re.findall(r'```python\n(.*?)```', section, re.S)
    assert len(blocks) == 2
    names = ('finetec_mine.py', 'completion_mine.py')
    finetec_dir = osp.join(ROOT, 'configs', 'finetec')
    cfgs = []
    for name, block in zip(names, blocks):
        block = '\n'.join(line.strip() for line in block.splitlines())
        (tmp_path / name).write_text(
            block.replace("'../finetec/", f"'{finetec_dir}/"))
        cfgs.append(load_config(str(tmp_path / name)))
    finetec, completion = cfgs
    for cfg in cfgs:
        for split, dataset in split_datasets(cfg):
            assert dataset.ann_file == 'data/mine/mine_3d.pkl', split
            assert dataset.layout == 'h36m17', split
        for loader in ('train', 'val', 'test'):
            assert cfg[f'{loader}_dataloader'].num_workers == 0
    assert finetec.model.completion.layout == 'h36m17'
    steps = [t for _, d in split_datasets(finetec) for t in d.pipeline]
    assert {t.clip_len for t in steps if t.type == 'UniformSampleFrames'
            } == {48}
    expected = osp.join('work_dirs', 'completion_mine',
                        f'iter_{completion.train_cfg.max_iters}.pth')
    assert finetec.model.completion_checkpoint == expected
    assert completion.model.completion.bank_file.endswith('mine_w16.pkl')
