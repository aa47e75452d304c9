"""mmfine: fine-grained action understanding, an MMAction2 plugin."""
import os.path as osp
import re

from setuptools import find_packages, setup

HERE = osp.dirname(osp.abspath(__file__))


def read_requirements(name):
    """Requirement lines of ``requirements/<name>.txt``."""
    with open(osp.join(HERE, 'requirements', f'{name}.txt')) as f:
        lines = (line.split('#')[0].strip() for line in f)
        return [line for line in lines if line]


def version():
    with open(osp.join(HERE, 'mmfine', 'version.py')) as f:
        return re.search(r"__version__ = '([^']+)'", f.read()).group(1)


setup(
    name='mmfine',
    version=version(),
    description='Fine-grained action understanding for MMAction2',
    long_description=open(osp.join(HERE, 'README.md')).read(),
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('tests', 'tests.*', 'configs', 'tools')),
    python_requires='>=3.9',
    # torch, mmcv and mmaction2 are installed explicitly (README): torch
    # without a range that would pull a CUDA build, mmcv-lite or full mmcv
    # depending on the machine, mmaction2 without its clashing opencv pin.
    install_requires=read_requirements('runtime'),
    extras_require={
        'lite': read_requirements('lite'),
        'tests': read_requirements('tests'),
    },
    license='Apache-2.0',
    zip_safe=False)
