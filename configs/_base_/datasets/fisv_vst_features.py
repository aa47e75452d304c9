# Fis-V as GDLT distributes it: data/fisv/features/<id>.npy (N_clips, 1024)
# Video Swin-B clip features and label files data/fisv/{train,test}.txt
# with the columns id, TES, PCS, Deductions (400 / 100 videos). Training
# sees 124 consecutive clips at a random start.
_base_ = ['./rg_vst_features.py']
data_root = 'data/fisv'
dataset_common = dict(
    data_root=data_root, label_format='fisv', score_range=(0.0, 50.0))
train_pipeline = [
    dict(type='LoadClipFeatures'),
    dict(type='SampleClipWindow', num_clips=124),
    dict(type='PackScoreInputs')
]
train_dataloader = dict(
    dataset=dict(
        **dataset_common, ann_file='train.txt', pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(**dataset_common, ann_file='test.txt'))
test_dataloader = val_dataloader
