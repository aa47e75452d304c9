# FineTec's completion pre-trained on COCO-17 skeletons extracted from your
# own videos (tools/data/extract_skeletons.py), for
#   tools/data/extract_skeletons.py ... --restore work_dirs/THIS/iter_1000.pth
# which fills the frames where pose estimation lost the subject.
# Windows are 16 consecutive frames in which the subject was detected in
# every frame (the completion learns from clean windows; samples without
# one are left out and logged), flipped left/right at random.
#   python tools/data/build_skeleton_bank.py THIS_CONFIG
#   python tools/train.py THIS_CONFIG
_base_ = [
    '../_base_/models/skeleton_completion_coco17_2d.py',
    '../_base_/schedules/adam_cosine_40k.py'
]
ann_file = 'data/mine/mine_2d.pkl'
window = 16
model = dict(
    completion=dict(bank_file='data/skeleton_banks/mine_2d_w16.pkl'))
coco17_left = [1, 3, 5, 7, 9, 11, 13, 15]
coco17_right = [2, 4, 6, 8, 10, 12, 14, 16]
train_pipeline = [
    dict(type='SampleDetectedWindow', clip_len=window),
    dict(type='PoseDecode'),
    dict(type='Flip', flip_ratio=0.5, left_kp=coco17_left,
         right_kp=coco17_right),
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
test_pipeline = [
    dict(type='SampleDetectedWindow', clip_len=window, test_mode=True),
    dict(type='PoseDecode'),
    dict(type='PreNormalize2D'),
    dict(type='GenSkeFeat', dataset='coco', feats=['j']),
    dict(type='FormatGCNInput', num_person=1),
    dict(
        type='PackActionInputs',
        meta_keys=('frame_dir', 'total_frames', 'frame_inds'))
]
dataset = dict(
    type='CheckedPoseDataset',
    ann_file=ann_file,
    layout='coco17',
    min_detected_run=window)
train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(split='train', pipeline=train_pipeline, **dataset))
val_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        split='val', pipeline=test_pipeline, test_mode=True, **dataset))
test_dataloader = val_dataloader
val_evaluator = dict(type='SkeletonRestorationMetric')
test_evaluator = val_evaluator
# 1k iterations: on the ~1,000 real frames of ../shared/data/videos more
# overfit (tools/analysis/benchmark_restore_real.py: 1.08x interpolation's
# error at 1k, 1.39x at 5k); lengthen it for a large dataset
max_iters = 1000
train_cfg = dict(max_iters=max_iters, val_interval=500)
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=5e-8, T_max=max_iters,
         by_epoch=False)
]
optim_wrapper = dict(optimizer=dict(lr=1e-4))
default_hooks = dict(checkpoint=dict(interval=500))
