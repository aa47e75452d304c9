"""Readers that turn public skeleton datasets into ``PoseDataset`` pickles.

Each ``convert_*`` returns ``dict(split, annotations, classes, layout)``.
``CONVERTERS`` (the recognition sets) give 3D keypoints ``[1, T, 20, 3]``
(metres) in the ``kinect_v1_20`` layout; ``convert_ski_jump`` gives the
ski-jump quality set, 2D keypoints ``[1, T, 23, 2]`` with judges' scores.
"""
from .msr_action3d import MSR_ACTION3D_CLASSES, convert_msr_action3d
from .nw_ucla import NW_UCLA_CLASSES, convert_nw_ucla
from .ski_jump import convert_ski_jump, style_score
from .utkinect import UTKINECT_CLASSES, convert_utkinect

#: dataset name -> converter (its folder under the shared data is the name)
CONVERTERS = dict(
    msr_action3d=convert_msr_action3d,
    utkinect=convert_utkinect,
    nw_ucla=convert_nw_ucla)

__all__ = [
    'CONVERTERS', 'convert_msr_action3d', 'convert_utkinect',
    'convert_nw_ucla', 'MSR_ACTION3D_CLASSES', 'UTKINECT_CLASSES',
    'NW_UCLA_CLASSES', 'convert_ski_jump', 'style_score'
]
