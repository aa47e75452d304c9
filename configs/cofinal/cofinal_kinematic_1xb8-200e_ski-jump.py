# CoFInAl on ski-jumping keypoints: kinematic clip features (parameter-free
# encoder), the paper's schedule (SGD, cosine, 200 epochs) at batch 8 for
# 24 training jumps per fold; widths for 138-D input.
_base_ = [
    '../_base_/datasets/ski_jump_kinematic_features.py',
    '../_base_/schedules/sgd_cosine_200e_aqa.py'
]
model = dict(
    type='FeatureAssessor',
    head=dict(
        type='CoFInAlHead',
        in_channels={{_base_.feature_dim}},
        procedure_channels=64,
        grade_channels=32,
        num_procedures=5,
        num_grades=4,
        num_subgrades=10,
        dropout=0.3))
# no validation split: the held-out fold is tested once after training
val_dataloader = val_cfg = val_evaluator = None
