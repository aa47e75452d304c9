# Motion transferability (seed 003) on Syn-TA with MMAction2's TSM
# (ImageNet-pretrained R50, 8 segments, 50 epochs) and its own head, the
# coarse head alone: the baseline. Trained on set 1 here; the benchmark
# trains on each set and tests on both:
#   python tools/analysis/motion_transferability.py \
#       configs/transfer/tsm_<...>_syn-ta-set1.py \
#       configs/transfer/tsm-coarse-fine_<...>_syn-ta-set1.py --seeds 0 1 2
# (configs/transfer/README.md gives the full names)
# Data: data/syn-ta/videos/<class>/<file>.mp4 and Syn-TA's lists
# data/syn-ta/{train,val}_set{1,2}_{coarse,fine}.txt.
_base_ = [
    'mmaction::recognition/tsm/'
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb.py'
]
# lets MMAction2's own tools/train.py and tools/test.py run this config
custom_imports = dict(imports=['mmfine'], allow_failed_imports=False)

num_classes = 20  # Syn-TA coarse classes; fine: 53 in set 1, 47 in set 2
num_fine_classes = 53  # the larger set's fine classes
model = dict(cls_head=dict(num_classes=num_classes))

data_root = 'data/syn-ta'
pack = [
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=('img_shape', 'fine_label'))
]
# no horizontal flip: coarse classes such as "moving left" / "moving right"
# would swap
train_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=8),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(
        type='MultiScaleCrop',
        input_size=224,
        scales=(1, 0.875, 0.75, 0.66),
        random_crop=False,
        max_wh_scale_gap=1,
        num_fixed_crops=13),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
] + pack
test_pipeline = [
    dict(type='DecordInit'),
    dict(
        type='SampleFrames',
        clip_len=1,
        frame_interval=1,
        num_clips=8,
        test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='CenterCrop', crop_size=224),
] + pack
# the lists follow Syn-TA's names: the benchmark runner swaps set1 / set2
dataset = dict(
    type='MotionTransferDataset',
    num_classes=num_classes,
    data_prefix=dict(video=f'{data_root}/videos'))
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        **dataset,
        ann_file=f'{data_root}/train_set1_coarse.txt',
        fine_ann_file=f'{data_root}/train_set1_fine.txt',
        pipeline=train_pipeline))
val_dataloader = dict(
    dataset=dict(
        _delete_=True,
        **dataset,
        ann_file=f'{data_root}/val_set1_coarse.txt',
        fine_ann_file=f'{data_root}/val_set1_fine.txt',
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='CoarseFineAccuracy')
test_evaluator = val_evaluator
# the validation list is the known test list: no "best" checkpoint chosen
# on it (the runner tests the last one)
default_hooks = dict(checkpoint=dict(save_best=None))
