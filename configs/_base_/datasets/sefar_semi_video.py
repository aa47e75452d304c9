# Semi-supervised video data for SeFAR: labelled clips and weak/strong
# views of unlabelled clips in every batch (1:3), dual-level sampling
# {2-2-4}; during the warm-up the batches hold labelled clips only.
# Children build train_dataloader.dataset.datasets from
# labeled_dataset / unlabeled_dataset and set the lists and class count.
sampler_elements = [2, 2, 4]  # must match model.backbone.elements
img_size = 224
file_client_args = dict(io_backend='disk')
decode = [
    dict(type='DecordInit', **file_client_args),
    dict(type='DualLevelSampleFrames', elements=sampler_elements),
    dict(type='DecordDecode'),
]
weak_view = [
    dict(type='RandomRescale', scale_range=(256, 320)),
    dict(type='RandomCrop', size=img_size),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
strong_view = [
    dict(type='RandomRescale', scale_range=(256, 320)),
    dict(type='RandomCrop', size=img_size),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='ReverseFineElements'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
labeled_pipeline = decode + [
    dict(type='RandomRescale', scale_range=(256, 320)),
    dict(type='RandomCrop', size=img_size),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
unlabeled_pipeline = decode + [
    dict(type='MultiView', views=dict(weak=weak_view, strong=strong_view))
]
val_pipeline = [
    dict(type='DecordInit', **file_client_args),
    dict(type='DualLevelSampleFrames', elements=sampler_elements,
         test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, img_size)),
    dict(type='CenterCrop', crop_size=img_size),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
# the usual multi-view test: 3 temporal views, averaged
test_pipeline = [
    dict(type='DecordInit', **file_client_args),
    dict(type='DualLevelSampleFrames', elements=sampler_elements, num_clips=3,
         test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, img_size)),
    dict(type='CenterCrop', crop_size=img_size),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs'),
]
labeled_dataset = dict(
    type='CheckedVideoDataset', ann_file=None, num_classes=None,
    data_prefix=dict(video=''), pipeline=labeled_pipeline,
    labels='required', on_error='skip')
unlabeled_dataset = dict(
    type='CheckedVideoDataset', ann_file=None, num_classes=None,
    data_prefix=dict(video=''), pipeline=unlabeled_pipeline,
    labels='optional', on_error='skip')
warmup_epochs = 5  # labelled-only batches: the model's warm-up
batch_size = 8  # per GPU after the warm-up: 2 labelled + 6 unlabelled
train_dataloader = dict(
    batch_size=batch_size,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    # an epoch is one pass over the labelled list (the authors')
    batch_sampler=dict(type='SemiSupervisedBatchSampler',
                       source_ratio=[1, 3], epoch_length='labeled',
                       warmup_epochs=warmup_epochs),
    dataset=dict(type='ConcatDataset', datasets=[]))
val_dataloader = dict(
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='CheckedVideoDataset', ann_file=None, num_classes=None,
                 data_prefix=dict(video=''), pipeline=val_pipeline,
                 test_mode=True))
test_dataloader = dict(
    batch_size=1,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(type='CheckedVideoDataset', ann_file=None, num_classes=None,
                 data_prefix=dict(video=''), pipeline=test_pipeline,
                 test_mode=True))
val_evaluator = dict(type='AccMetric')
test_evaluator = val_evaluator
