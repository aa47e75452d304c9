# CoFInAl's schedule (Sect. 4.1): SGD momentum 0.9, weight decay 0.01, lr
# 0.01 cosine-annealed to 1e-4 over 200 epochs, batch 32.
max_epochs = 200
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
    val_interval=10)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=1e-4, T_max=max_epochs,
         by_epoch=True, convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=0.01))
auto_scale_lr = dict(enable=False, base_batch_size=32)
