# Pre-training of FineTec's Context-aware Sequence Completion (Eq. 14) on
# clean COCO-17 2D clips. Build the bank first:
#   python tools/data/build_skeleton_bank.py CONFIG
_base_ = ['../skeleton_layouts/coco17.py']

model = dict(
    type='SkeletonCompletionModel',
    completion=dict(
        type='ContextAwareCompletion', layout={{_base_.layout_name}},
        num_joints=17, coord_dims=2, window=16, num_blocks=12,
        bank_file=None),
    drop_ratios=('minor', 'moderate', 'severe'),
    test_drop_ratio='moderate',
    restorer='completion')
