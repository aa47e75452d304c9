# SeFAR's schedule: SGD (Nesterov) lr 0.005 for a global batch of 64,
# steps at epochs 25 and 28, 30 epochs, no gradient clipping (the
# authors' loop clips none).
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=30, val_begin=1,
                 val_interval=1)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='MultiStepLR', begin=0, end=30, by_epoch=True,
         milestones=[25, 28], gamma=0.1)
]
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.005, momentum=0.9, nesterov=True,
                   weight_decay=1e-3))
auto_scale_lr = dict(enable=False, base_batch_size=64)
