_base_ = ['../skeleton_layouts/kinect_v1_20.py']

model = dict(
    type='SkeletonCompletionModel',
    completion=dict(
        type='ContextAwareCompletion', layout={{_base_.layout_name}},
        num_joints=20, coord_dims=3, window=16, num_blocks=12,
        bank_file=None),
    drop_ratios=('minor', 'moderate', 'severe'),
    test_drop_ratio='moderate',
    restorer='completion')
