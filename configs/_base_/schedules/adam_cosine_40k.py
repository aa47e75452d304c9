# The completion pre-training schedule (FineTec appendix A): Adam, weight
# decay 1e-4, cosine 1e-5 -> 5e-8 over 40k iterations, seed 304.
# Iteration-based, so it carries the runtime with iteration checkpoints.
_base_ = ['../default_runtime.py']

max_iters = 40000
train_cfg = dict(type='IterBasedTrainLoop', max_iters=max_iters,
                 val_interval=5000)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=5e-8, T_max=max_iters,
         by_epoch=False)
]
optim_wrapper = dict(
    optimizer=dict(type='Adam', lr=1e-5, weight_decay=1e-4))
# the last checkpoint is the pre-trained completion: validation on the
# test split only reports the restoration error, it selects nothing
default_hooks = dict(
    checkpoint=dict(by_epoch=False, interval=5000, save_best=None))
log_processor = dict(by_epoch=False)
randomness = dict(seed=304)
