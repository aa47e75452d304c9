# CoFInAl on RG Hoop (Total score), Video Swin-B clip features.
_base_ = [
    '../_base_/models/cofinal_vst.py', '../_base_/datasets/rg_vst_features.py',
    '../_base_/schedules/sgd_cosine_200e_aqa.py'
]
train_dataloader = dict(
    dataset=dict(ann_file='Hoop_train.txt', score_group='Hoop'))
val_dataloader = dict(
    dataset=dict(ann_file='Hoop_test.txt', score_group='Hoop'))
test_dataloader = val_dataloader
