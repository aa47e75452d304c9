# The parameter-free kinematic skeleton encoder as a feature extractor for
# tools/data/extract_clip_features.py (--pose-ann, checkpoint "none": it
# has no weights): per clip, the mean body-frame pose, displacement and
# absolute motion of every joint coordinate (3 x V x 2 features).
model = dict(
    type='RecognizerGCN',
    backbone=dict(type='KinematicPoseEncoder', in_channels=2))
