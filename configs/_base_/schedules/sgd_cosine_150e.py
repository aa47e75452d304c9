# FineTec's recognition schedule (appendix A): SGD Nesterov, momentum 0.9,
# weight decay 5e-4, cosine to 0, 150 epochs, batch 64.
max_epochs = 150
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs, by_epoch=True,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.1, momentum=0.9, weight_decay=0.0005, nesterov=True))
# lr 0.1 is for 4 GPUs x 16 samples; --auto-scale-lr rescales it
auto_scale_lr = dict(enable=False, base_batch_size=64)
