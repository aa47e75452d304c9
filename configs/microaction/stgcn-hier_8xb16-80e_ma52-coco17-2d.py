# MA-52 skeletons (COCO-17 2D, e.g. from tools/data/extract_skeletons.py
# on the MA-52 videos: data/ma52/ma52_2d.pkl with splits train and val)
# with MMAction2's ST-GCN and the hierarchical action/body head.
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/stgcn_coco17_2d.py'
]
model = dict(
    cls_head=dict(
        _delete_=True,
        type='HierarchicalClsHead',
        in_channels=256,
        num_classes=52,
        channel_dim=2,
        dropout_ratio=0.0))

dataset_type = 'MicroActionPoseDataset'
ann_file = 'data/ma52/ma52_2d.pkl'
clip_len = 100
train_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'body_label'))
]
test_pipeline = [
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=10,
         test_mode=True),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', meta_keys=('frame_dir', 'body_label'))
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type=dataset_type,
        ann_file=ann_file,
        split='train',
        layout='coco17',
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type,
        ann_file=ann_file,
        split='val',
        layout='coco17',
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='MicroActionMetric')
test_evaluator = dict(
    type='MicroActionMetric',
    prediction_file='work_dirs/ma52_skeleton_prediction.csv')

train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=80, val_begin=1, val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=0, T_max=80, by_epoch=True,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, weight_decay=0.0005,
        nesterov=True))
default_hooks = dict(checkpoint=dict(save_best='ma52/f1_mean', rule='greater'))
auto_scale_lr = dict(enable=False, base_batch_size=128)
