# FineTec under temporal corruption on nw_ucla (real 3D skeletons).
# data: python tools/data/convert_skeleton_dataset.py nw_ucla
# completion: python tools/train.py \
#     configs/finetec/completion_mlp_1xb64-10k_nw-ucla-xview-3d.py
_base_ = [
    '../_base_/default_runtime.py',
    '../_base_/models/finetec_stgcn_kinect20_3d.py',
    '../_base_/datasets/corrupted_skeleton_3d_kinect20.py',
    '../_base_/schedules/sgd_cosine_40e.py'
]
ann_file = 'data/nw_ucla/nw_ucla_3d.pkl'
num_classes = 10
model = dict(
    completion_checkpoint=(
        'work_dirs/completion_mlp_1xb64-10k_nw-ucla-xview-3d/iter_10000.pth'),
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(
        dataset=dict(ann_file=ann_file, split='xview_train',
                     num_classes=num_classes)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xview_val',
                 num_classes=num_classes))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xview_val',
                 num_classes=num_classes))
