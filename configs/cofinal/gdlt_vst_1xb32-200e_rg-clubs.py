# The GDLT-style baseline on RG Clubs (Total score),
# Video Swin-B clip features.
_base_ = [
    '../_base_/models/gdlt_vst.py', '../_base_/datasets/rg_vst_features.py',
    '../_base_/schedules/sgd_cosine_200e_aqa.py'
]
train_dataloader = dict(
    dataset=dict(ann_file='Clubs_train.txt', score_group='Clubs'))
val_dataloader = dict(
    dataset=dict(ann_file='Clubs_test.txt', score_group='Clubs'))
test_dataloader = val_dataloader
