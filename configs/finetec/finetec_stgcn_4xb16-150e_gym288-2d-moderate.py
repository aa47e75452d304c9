# FineTec under temporal corruption on Gym288-skeleton (same schema as
# gym_2d.pkl; tools/data/extract_pose.py builds it from FineGym videos).
# completion: python tools/train.py \
#     configs/finetec/completion_mlp_1xb256-40k_gym288-2d.py
_base_ = [
    '../_base_/default_runtime.py',
    '../_base_/models/finetec_stgcn_coco17_2d.py',
    '../_base_/datasets/corrupted_skeleton_2d_coco17.py',
    '../_base_/schedules/sgd_cosine_150e.py'
]
ann_file = 'data/skeleton/gym288_2d.pkl'
num_classes = 288
model = dict(
    completion_checkpoint=(
        'work_dirs/completion_mlp_1xb256-40k_gym288-2d/iter_40000.pth'),
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(
        dataset=dict(ann_file=ann_file, split='train',
                     num_classes=num_classes)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='val', num_classes=num_classes))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='val', num_classes=num_classes))
