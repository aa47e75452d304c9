_base_ = [
    '../_base_/models/skeleton_completion_coco17_2d.py',
    '../_base_/datasets/clean_skeleton_clips_2d_coco17.py',
    '../_base_/schedules/adam_cosine_40k.py'
]
# data: MMAction2's NTU-120 2D skeletons (ntu120_2d.pkl)
# bank: python tools/data/build_skeleton_bank.py \
#     configs/finetec/completion_mlp_1xb256-40k_ntu120-xsub-2d.py
ann_file = 'data/skeleton/ntu120_2d.pkl'
model = dict(
    completion=dict(bank_file='data/skeleton_banks/ntu120_2d_w16.pkl'))
train_dataloader = dict(dataset=dict(ann_file=ann_file, split='xsub_train'))
val_dataloader = dict(dataset=dict(ann_file=ann_file, split='xsub_val'))
test_dataloader = val_dataloader
