_base_ = [
    '../_base_/models/skeleton_completion_coco17_2d.py',
    '../_base_/datasets/clean_skeleton_clips_2d_coco17.py',
    '../_base_/schedules/adam_cosine_40k.py'
]
# data: Gym288-skeleton (same schema as gym_2d.pkl;
# tools/data/extract_pose.py builds it from FineGym videos)
# bank: python tools/data/build_skeleton_bank.py \
#     configs/finetec/completion_mlp_1xb256-40k_gym288-2d.py
ann_file = 'data/skeleton/gym288_2d.pkl'
model = dict(
    completion=dict(bank_file='data/skeleton_banks/gym288_2d_w16.pkl'))
train_dataloader = dict(dataset=dict(ann_file=ann_file, split='train'))
val_dataloader = dict(dataset=dict(ann_file=ann_file, split='val'))
test_dataloader = val_dataloader
