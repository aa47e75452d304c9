# Temporally corrupted Kinect v1 3D skeletons (FineTec protocol): 16-frame
# uniform clips, a fraction of frames dropped (random while training, seeded
# per sample at test so every method sees the same drops). Children set
# ann_file, splits and num_classes; the minor/severe configs change
# `corruption` in the pipelines.
dataset_type = 'CheckedPoseDataset'
clip_len = 16
corruption = 'moderate'
train_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='UniformSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='TemporalCorruption', drop_ratio=corruption),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', algorithm_keys=('frame_mask', ),
         meta_keys=('frame_dir', ))
]
val_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=1,
         test_mode=True),
    dict(type='PoseDecode'),
    dict(type='TemporalCorruption', drop_ratio=corruption, test_mode=True),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', algorithm_keys=('frame_mask', ),
         meta_keys=('frame_dir', ))
]
test_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=10,
         test_mode=True),
    dict(type='PoseDecode'),
    dict(type='TemporalCorruption', drop_ratio=corruption, test_mode=True),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', algorithm_keys=('frame_mask', ),
         meta_keys=('frame_dir', ))
]
train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='RepeatDataset',
        times=5,
        dataset=dict(
            type=dataset_type, layout='kinect_v1_20', pipeline=train_pipeline)))
val_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type, layout='kinect_v1_20', pipeline=val_pipeline,
        test_mode=True))
test_dataloader = dict(
    batch_size=1,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type, layout='kinect_v1_20', pipeline=test_pipeline,
        test_mode=True))
val_evaluator = [dict(type='AccMetric'), dict(type='ConfusionMatrixPlot')]
test_evaluator = val_evaluator
