# The supervised-only baseline of the tiny SeFAR demo: SeFAR's backbone and
# head in an MMAction2 Recognizer3D on the labelled list alone, 8 labelled
# clips per batch and per optimizer step, an epoch one pass over the
# labelled list: SeFAR's labelled clips per step and number of steps.
_base_ = ['./sefar_tiny_1xb8-80e_submotion-videos-10pct.py']
model = dict(
    _delete_=True,
    type='Recognizer3D',
    backbone=_base_.model.backbone,
    cls_head=_base_.model.cls_head,
    data_preprocessor=_base_.model.data_preprocessor)
train_dataloader = dict(
    _delete_=True,
    batch_size=8,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=_base_.train_dataloader.dataset.datasets[0])
custom_hooks = [
    dict(type='RandomStateHook'),
    dict(type='LabeledClipsPerStepHook', clips=_base_.labeled_clips_per_step)
]
