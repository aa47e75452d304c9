# FineTec under temporal corruption on msr_action3d (real 3D skeletons).
# data: python tools/data/convert_skeleton_dataset.py msr_action3d
# completion: python tools/train.py \
#     configs/finetec/completion_mlp_1xb64-10k_msr-action3d-xsub-3d.py
_base_ = [
    '../_base_/default_runtime.py',
    '../_base_/models/finetec_stgcn_kinect20_3d.py',
    '../_base_/datasets/corrupted_skeleton_3d_kinect20.py',
    '../_base_/schedules/sgd_cosine_40e.py'
]
ann_file = 'data/msr_action3d/msr_action3d_3d.pkl'
num_classes = 20
model = dict(
    completion_checkpoint=(
        'work_dirs/completion_mlp_1xb64-10k_msr-action3d-xsub-3d/'
        'iter_10000.pth'),
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(
        dataset=dict(ann_file=ann_file, split='xsub_train',
                     num_classes=num_classes)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=num_classes))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=num_classes))
