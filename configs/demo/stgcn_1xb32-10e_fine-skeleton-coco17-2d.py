# ST-GCN on the embedded synthetic fine-grained skeleton data (COCO-17, 2D).
# Generate the data with: python tools/data/generate_fine_skeleton.py
_base_ = ['../_base_/default_runtime.py']

num_classes = 12
clip_len = 32  # below the shortest sequence: longer clips would loop
model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='STGCN',
        graph_cfg=dict(layout='coco', mode='stgcn_spatial'),
        base_channels=32,
        num_stages=6,
        inflate_stages=[3, 5],
        down_stages=[3, 5]),
    cls_head=dict(type='GCNHead', num_classes=num_classes, in_channels=128))

dataset_type = 'CheckedPoseDataset'
ann_file = 'data/fine_skeleton/fine_skeleton_coco17.pkl'
# no horizontal flip: left and right variants are different classes
train_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(
        type='UniformSampleFrames', clip_len=clip_len, num_clips=1,
        test_mode=True),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs')
]
dataset_common = dict(
    type=dataset_type, ann_file=ann_file, num_classes=num_classes,
    layout='coco17')
train_dataloader = dict(
    batch_size=32,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='RepeatDataset',
        times=3,
        dataset=dict(
            **dataset_common, pipeline=train_pipeline, split='train')))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **dataset_common, pipeline=test_pipeline, split='test',
        test_mode=True))
test_dataloader = val_dataloader

val_evaluator = [dict(type='AccMetric'), dict(type='ConfusionMatrixPlot')]
test_evaluator = val_evaluator

max_epochs = 10
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs,
         by_epoch=True, convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.05, momentum=0.9, weight_decay=0.0005, nesterov=True))

default_hooks = dict(logger=dict(interval=5))
randomness = dict(seed=0)
auto_scale_lr = dict(enable=False, base_batch_size=32)
