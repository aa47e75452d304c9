# The supervised-only baseline of the tiny SeFAR demo: the same model and
# labelled list, the labelled clips repeated so that an epoch has as many
# iterations as SeFAR's.
_base_ = ['./sefar_tiny_1xb8-24e_motion-videos-10pct.py']
train_dataloader = dict(
    _delete_=True,
    batch_size=8,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='RepeatDataset', times=12,
                 dataset=_base_.train_dataloader.dataset.datasets[0]))
custom_hooks = [dict(type='RandomStateHook')]
