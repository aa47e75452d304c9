# Rhythmic Gymnastics as GDLT distributes it: data/rg/features/<video>.npy
# (N_clips, 1024) Video Swin-B features of 32-frame clips, and label files
# data/rg/<Apparatus>_{train,test}.txt with the columns Video_Name,
# Difficulty, Execution, Total, Penalty, Video_length (200 / 50 videos per
# apparatus). Training sees 68 consecutive clips at a random start.
_base_ = ['../default_runtime.py']
# the last checkpoint is the result: these sets have no validation split,
# and picking the best epoch on the test split would flatter every method
default_hooks = dict(checkpoint=dict(save_best=None, interval=10))

dataset_type = 'ClipFeatureScoreDataset'
data_root = 'data/rg'
dataset_common = dict(
    type=dataset_type,
    data_root=data_root,
    feature_dir='features',
    label_format='rg',
    score_column='Total',
    score_range=(0.0, 25.0),
    feature_dim=1024)
train_pipeline = [
    dict(type='LoadClipFeatures'),
    dict(type='SampleClipWindow', num_clips=68),
    dict(type='PackScoreInputs')
]
test_pipeline = [
    dict(type='LoadClipFeatures'),
    dict(type='SampleClipWindow', num_clips=68, test_mode=True),
    dict(type='PackScoreInputs')
]
train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        **dataset_common, ann_file='Ball_train.txt', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **dataset_common,
        ann_file='Ball_test.txt',
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = [
    dict(type='SpearmanCorrelation'),
    dict(type='RelativeL2Distance')
]
test_evaluator = val_evaluator
