# Pre-trains FineTec's sequence completion on the embedded synthetic data.
#   python tools/data/generate_fine_skeleton.py
#   python tools/data/build_skeleton_bank.py \
#       configs/demo/completion_mlp_1xb64-600i_fine-skeleton-coco17-2d.py
_base_ = [
    '../_base_/models/skeleton_completion_coco17_2d.py',
    '../_base_/datasets/clean_skeleton_clips_2d_coco17.py',
    '../_base_/schedules/adam_cosine_40k.py'
]
ann_file = 'data/fine_skeleton/fine_skeleton_coco17.pkl'
model = dict(
    completion=dict(bank_file='data/fine_skeleton/bank_coco17_w16.pkl'))
train_dataloader = dict(
    batch_size=64,
    num_workers=0,
    persistent_workers=False,
    dataset=dict(ann_file=ann_file, split='train'))
val_dataloader = dict(
    num_workers=0,
    persistent_workers=False,
    dataset=dict(ann_file=ann_file, split='test'))
test_dataloader = val_dataloader
# a CPU schedule: 600 iterations at a higher lr than the paper's 1e-5
max_iters = 600
train_cfg = dict(max_iters=max_iters, val_interval=600)
param_scheduler = [
    dict(type='CosineAnnealingLR', eta_min=1e-6, T_max=max_iters,
         by_epoch=False)
]
optim_wrapper = dict(optimizer=dict(lr=1e-3))
default_hooks = dict(checkpoint=dict(interval=600), logger=dict(interval=50))
