# A linear regressor on the pooled clip features of the generated judged
# routines: CoFInAl's data and schedule, one linear map.
_base_ = ['./cofinal_1xb32-200e_quality-routines.py']
model = dict(
    head=dict(
        _delete_=True,
        type='PooledRegressionHead',
        in_channels={{_base_.feature_dim}}))
