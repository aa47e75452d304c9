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
        dropout=0.3,
        # as in the demo, whose GDLT-style head is stronger without GDLT's
        # triplet term; the README's figures were measured without it
        triplet_weight=0.0))
