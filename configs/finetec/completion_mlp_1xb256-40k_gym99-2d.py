_base_ = [
    '../_base_/models/skeleton_completion_coco17_2d.py',
    '../_base_/datasets/clean_skeleton_clips_2d_coco17.py',
    '../_base_/schedules/adam_cosine_40k.py'
]
# data: MMAction2's Gym99 skeletons (gym_2d.pkl)
# bank: python tools/data/build_skeleton_bank.py \
#     configs/finetec/completion_mlp_1xb256-40k_gym99-2d.py
ann_file = 'data/skeleton/gym_2d.pkl'
model = dict(completion=dict(bank_file='data/skeleton_banks/gym99_2d_w16.pkl'))
train_dataloader = dict(dataset=dict(ann_file=ann_file, split='train'))
val_dataloader = dict(dataset=dict(ann_file=ann_file, split='val'))
test_dataloader = val_dataloader
