_base_ = [
    '../_base_/models/skeleton_completion_kinect20_3d.py',
    '../_base_/datasets/clean_skeleton_clips_3d_kinect20.py',
    '../_base_/schedules/adam_cosine_40k.py'
]
# data: python tools/data/convert_skeleton_dataset.py utkinect
# bank: python tools/data/build_skeleton_bank.py \
#     configs/finetec/completion_mlp_1xb64-10k_utkinect-xsub-3d.py
ann_file = 'data/utkinect/utkinect_3d.pkl'
model = dict(
    completion=dict(bank_file='data/skeleton_banks/utkinect_3d_w16.pkl'))
train_dataloader = dict(dataset=dict(ann_file=ann_file, split='xsub_train'))
val_dataloader = dict(dataset=dict(ann_file=ann_file, split='xsub_val'))
test_dataloader = val_dataloader
# a small dataset: 10k iterations, lr 1e-4
max_iters = 10000
train_cfg = dict(max_iters=max_iters, val_interval=2000)
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=5e-8, T_max=max_iters,
         by_epoch=False)
]
optim_wrapper = dict(optimizer=dict(lr=1e-4))
default_hooks = dict(checkpoint=dict(interval=2000))
