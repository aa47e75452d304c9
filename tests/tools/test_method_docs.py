"""Each method folder of configs/ has MMAction2's README.md (results table
and BibTeX) and a metafile.yml whose configs and collection exist."""
import os.path as osp

import pytest
import yaml

from mmfine.testing import ROOT

METHODS = ['finetec', 'sefar', 'cofinal', 'microaction', 'transfer']
#: metric name -> its range
METRIC_RANGES = {
    'Top 1 Accuracy': (0, 100),
    'SRCC': (-1, 1),
    'HM': (0, 100)
}


@pytest.mark.parametrize('method', METHODS)
def test_method_readme_and_metafile(method):
    folder = osp.join(ROOT, 'configs', method)
    readme = open(osp.join(folder, 'README.md')).read()
    for part in ('## Results', '| config |', '## Citation', '```BibTeX'):
        assert part in readme, part
    assert '@inproceedings' in readme or '@article' in readme
    meta = yaml.safe_load(open(osp.join(folder, 'metafile.yml')))
    collections = {c['Name'] for c in meta['Collections']}
    assert len(collections) == 1
    for c in meta['Collections']:
        assert osp.isfile(osp.join(ROOT, c['README']))
    assert meta['Models']
    for model in meta['Models']:
        assert model['In Collection'] in collections
        assert osp.isfile(osp.join(ROOT, model['Config'])), model['Config']
        assert osp.splitext(osp.basename(model['Config']))[0] == \
            model['Name']
        for result in model['Results']:
            assert result['Metrics']
            for metric, value in result['Metrics'].items():
                low, high = METRIC_RANGES[metric]
                assert low <= value <= high, (metric, value)
        # the command that produced a figure is in the README's table
        if model['Results']:
            assert model['Command'].split(' --')[0] in readme


def test_top_readme_links_every_method_readme():
    text = open(osp.join(ROOT, 'README.md')).read()
    for method in METHODS:
        assert f'(configs/{method}/README.md)' in text
