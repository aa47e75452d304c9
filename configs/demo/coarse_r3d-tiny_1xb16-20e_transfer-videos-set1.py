# The motion-transferability demo's baseline: a small 3D ResNet from
# scratch with MMAction2's I3DHead, the coarse head alone, trained on set 1
# of the generated Syn-TA-style videos (6 motions; set 1: squares and discs
# on stripes, set 2: triangles and crosses on checkerboards; in each set
# 85% of a fine class's videos show its own hue, and set 2 pairs the hues
# with other motions). The runner trains on each set and tests on both:
#   python tools/analysis/motion_transferability.py CONFIG
# data: python tools/run_demo.py --methods benchmarks generates
# data/transfer_videos
_base_ = ['../_base_/default_runtime.py']
data_root = 'data/transfer_videos'
num_classes = 6  # moves right / left / down / up, grows, shrinks
model = dict(
    type='Recognizer3D',
    backbone=dict(
        type='ResNet3d',
        depth=18,
        base_channels=16,
        pretrained=None,
        pretrained2d=False,
        conv1_stride_t=1,
        pool1_stride_t=1,
        spatial_strides=(1, 2, 2, 2),
        temporal_strides=(1, 2, 2, 2)),
    cls_head=dict(
        type='I3DHead',
        in_channels=128,
        num_classes=num_classes,
        dropout_ratio=0.5,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[127.5, 127.5, 127.5],
        std=[64.0, 64.0, 64.0],
        format_shape='NCTHW'))
# fine_label travels with every sample (the coarse/fine head trains on it,
# the metric reports fine accuracy with it)
pack = [
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', meta_keys=('img_shape', 'fine_label'))
]
# no horizontal flip: it would turn "moves right" into "moves left"
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='RandomRescale', scale_range=(32, 40)),
    dict(type='RandomCrop', size=32),
] + pack
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=16, frame_interval=1, num_clips=1,
         test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 32)),
    dict(type='CenterCrop', crop_size=32),
] + pack
# the lists follow Syn-TA's names (<split>_set<k>_{coarse,fine}.txt): the
# runner swaps set1 and set2 in them
dataset = dict(type='MotionTransferDataset', num_classes=num_classes,
               data_prefix=dict(video=data_root))
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        **dataset,
        ann_file=f'{data_root}/train_set1_coarse.txt',
        fine_ann_file=f'{data_root}/train_set1_fine.txt',
        pipeline=train_pipeline))
val_dataloader = dict(  # 120 clips of 32 x 32: no worker processes needed
    batch_size=16,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **dataset,
        ann_file=f'{data_root}/val_set1_coarse.txt',
        fine_ann_file=f'{data_root}/val_set1_fine.txt',
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='CoarseFineAccuracy')
test_evaluator = val_evaluator
max_epochs = 20
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_interval=max_epochs)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
optim_wrapper = dict(
    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05),
    clip_grad=dict(max_norm=10))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True,
         eta_min=1e-5)
]
# validation is the known test list: no "best" checkpoint chosen on it
default_hooks = dict(
    checkpoint=dict(interval=max_epochs, max_keep_ckpts=1, save_best=None))
auto_scale_lr = dict(enable=False, base_batch_size=16)
