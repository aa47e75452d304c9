# A linear regressor on the pooled kinematic clip features of the
# ski jumps: CoFInAl's data and schedule, one linear map.
_base_ = ['./cofinal_kinematic_1xb8-200e_ski-jump.py']
model = dict(
    head=dict(
        _delete_=True,
        type='PooledRegressionHead',
        in_channels={{_base_.feature_dim}}))
