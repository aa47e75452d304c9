# ST-GCN baseline under temporal corruption on MMAction2's Gym99 skeletons
# (gym_2d.pkl).
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/stgcn_coco17_2d.py',
    '../_base_/datasets/corrupted_skeleton_2d_coco17.py',
    '../_base_/schedules/sgd_cosine_150e.py'
]
ann_file = 'data/skeleton/gym_2d.pkl'
num_classes = 99
model = dict(
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(
        dataset=dict(ann_file=ann_file, split='train',
                     num_classes=num_classes)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='val', num_classes=num_classes))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='val', num_classes=num_classes))
