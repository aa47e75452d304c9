# The GDLT-style baseline on ski-jumping keypoints: CoFInAl's data,
# schedule and width, the GDLT head.
_base_ = ['./cofinal_kinematic_1xb8-200e_ski-jump.py']
model = dict(
    head=dict(
        _delete_=True,
        type='GDLTHead',
        in_channels={{_base_.feature_dim}},
        channels=64,
        num_queries=4,
        dropout=0.3))
