# Supervised-only baseline: SeFAR-S's backbone and head in an MMAction2
# Recognizer3D, trained on the 50% labelled list alone, 8 labelled clips per
# batch; with the runtime's LabeledClipsPerStepHook it takes SeFAR's
# labelled clips per optimizer step and, an epoch being one pass over the
# labelled list in both, SeFAR's number of steps.
_base_ = ['./sefar-s_vit-s_8xb8-30e_hmdb51-50pct.py']
model = dict(
    _delete_=True,
    type='Recognizer3D',
    backbone=_base_.model.backbone,
    cls_head=_base_.model.cls_head,
    data_preprocessor=_base_.model.data_preprocessor)
train_dataloader = dict(
    _delete_=True,
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=_base_.train_dataloader.dataset.datasets[0])
