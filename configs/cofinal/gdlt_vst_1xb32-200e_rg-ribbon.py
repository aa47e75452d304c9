# The GDLT-style baseline on RG Ribbon (Total score),
# Video Swin-B clip features.
_base_ = [
    '../_base_/models/gdlt_vst.py', '../_base_/datasets/rg_vst_features.py',
    '../_base_/schedules/sgd_cosine_200e_aqa.py'
]
train_dataloader = dict(
    dataset=dict(ann_file='Ribbon_train.txt', score_group='Ribbon'))
val_dataloader = dict(
    dataset=dict(ann_file='Ribbon_test.txt', score_group='Ribbon'))
test_dataloader = val_dataloader
