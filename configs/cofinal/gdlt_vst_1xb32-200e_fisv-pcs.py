# The GDLT-style baseline on Fis-V PCS, Video Swin-B clip features
# (dropout 0.7 for Fis-V, Sect. 4.1).
_base_ = [
    '../_base_/models/gdlt_vst.py', '../_base_/datasets/fisv_vst_features.py',
    '../_base_/schedules/sgd_cosine_200e_aqa.py'
]
model = dict(head=dict(dropout=0.7))
train_dataloader = dict(dataset=dict(score_column='PCS'))
val_dataloader = dict(dataset=dict(score_column='PCS'))
test_dataloader = val_dataloader
