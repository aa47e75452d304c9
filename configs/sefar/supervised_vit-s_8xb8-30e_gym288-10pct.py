# Supervised-only baseline: SeFAR-S's model on the 10% labelled list alone.
_base_ = ['./sefar-s_vit-s_8xb8-30e_gym288-10pct.py']
train_dataloader = dict(
    _delete_=True,
    batch_size=8,
    num_workers=8,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=_base_.train_dataloader.dataset.datasets[0])
