# Clean Kinect v1 3D clips for the completion pre-training and its
# restoration evaluation (the model corrupts them itself; frame_dir seeds
# the test corruption exactly as TemporalCorruption(test_mode=True) does:
# frame_dir, total_frames and frame_inds are packed for it).
# Set clip_len to the recognizer's: the completion is trained on windows
# of its 16 frames cut from clip_len-frame clips and restores whole clips
# window by window, so it learns at the frame rate it restores.
dataset_type = 'CheckedPoseDataset'
clip_len = 16
train_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='UniformSampleFrames', clip_len=clip_len),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=1),
    dict(type='PackActionInputs', meta_keys=('frame_dir', ))
]
test_pipeline = [
    dict(type='PreNormalize3D'),
    dict(type='UniformSampleFrames', clip_len=clip_len, num_clips=1,
         test_mode=True),
    dict(type='PoseDecode'),
    dict(type='FormatGCNInput', num_person=1),
    dict(
        type='PackActionInputs',
        meta_keys=('frame_dir', 'total_frames', 'frame_inds'))
]
train_dataloader = dict(
    batch_size=64,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='InfiniteSampler', shuffle=True),
    dataset=dict(
        type=dataset_type, layout='kinect_v1_20', pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=64,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type=dataset_type, layout='kinect_v1_20', pipeline=test_pipeline,
        test_mode=True))
test_dataloader = val_dataloader
val_evaluator = dict(type='SkeletonRestorationMetric')
test_evaluator = val_evaluator
