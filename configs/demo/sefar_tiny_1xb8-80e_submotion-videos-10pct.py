# A tiny SeFAR that trains on CPU in a few minutes: generated 32x32 videos
# whose six classes are short time-symmetric sub-motions of a travelling
# rectangle (steady, hops, pulses, squashes, stretches, blinks); direction,
# speed, colour, size and background are nuisances. 10% of the train list
# is labelled. An epoch is one pass over the labelled list; every optimizer
# step takes 8 labelled (+ 24 unlabelled) clips, as the supervised-only
# baseline's steps take 8 labelled clips.
# data: python tools/run_demo.py --methods sefar generates
# data/submotion_videos
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/sefar_vit-s.py',
    '../_base_/schedules/sgd_step_30e.py'
]
img_size = 32
data_root = 'data/submotion_videos'
num_classes = 6
classes = ('steady', 'hops', 'pulses', 'squashes', 'stretches', 'blinks')
max_epochs = 80
warmup_epochs = 30  # the teacher starts from a student that has learnt
labeled_clips_per_step = 8
model = dict(
    backbone=dict(arch=dict(_delete_=True, embed_dims=64, depth=2,
                            num_heads=2),
                  img_size=img_size, patch_size=8, drop_path_rate=0.0,
                  pretrained=False),  # a tiny ViT: from scratch on purpose
    cls_head=dict(num_classes=num_classes, in_channels=64, hidden_dims=64),
    warmup_epochs=warmup_epochs,
    ema_momentum=0.01)  # per iteration, 4 per step: a short run, the
#                       teacher must follow the student
decode = [
    dict(type='DecordInit'),
    dict(type='DualLevelSampleFrames', elements=[2, 2, 4]),
    dict(type='DecordDecode'),
]
view = [
    dict(type='RandomRescale', scale_range=(img_size, img_size + 8)),
    dict(type='RandomCrop', size=img_size),
]
flip = [dict(type='Flip', flip_ratio=0.5)]
pack = [
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
strong_view = view + flip + [dict(type='ReverseFineElements')] + pack
unlabeled_pipeline = decode + [
    dict(type='MultiView', views=dict(weak=view + pack, strong=strong_view))
]
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='DualLevelSampleFrames', elements=[2, 2, 4], test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, img_size)),
    dict(type='CenterCrop', crop_size=img_size),
] + pack
train_dataloader = dict(
    batch_size=8,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    batch_sampler=dict(type='SemiSupervisedBatchSampler',
                       source_ratio=[1, 3], epoch_length='labeled',
                       warmup_epochs=warmup_epochs),
    dataset=dict(
        type='ConcatDataset',
        datasets=[
            dict(type='CheckedVideoDataset', num_classes=num_classes,
                 ann_file=f'{data_root}/train_10pct_labeled.txt',
                 data_prefix=dict(video=data_root),
                 pipeline=decode + view + flip + pack),
            dict(type='CheckedVideoDataset', num_classes=num_classes,
                 ann_file=f'{data_root}/train_10pct_unlabeled.txt',
                 data_prefix=dict(video=data_root), labels='optional',
                 pipeline=unlabeled_pipeline),
        ]))
val_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='CheckedVideoDataset', num_classes=num_classes,
                 ann_file=f'{data_root}/val.txt',
                 data_prefix=dict(video=data_root), pipeline=test_pipeline,
                 test_mode=True, metainfo=dict(classes=classes)))
test_dataloader = val_dataloader
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [
    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True,
         milestones=[max_epochs - 10], gamma=0.1)
]
randomness = dict(seed=0)  # both demo runs see the same draws
# from scratch (no ImageNet weights here): AdamW rather than SGD
optim_wrapper = dict(
    _delete_=True,
    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05),
    clip_grad=dict(max_norm=10))
custom_hooks = [
    dict(type='RandomStateHook'),
    dict(type='LabeledClipsPerStepHook', clips=labeled_clips_per_step),
    dict(type='SemiSupervisedStatsHook')
]
