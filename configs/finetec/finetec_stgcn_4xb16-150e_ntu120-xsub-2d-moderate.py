# FineTec under temporal corruption on MMAction2's NTU-120 2D skeletons
# (ntu120_2d.pkl).
# completion: python tools/train.py \
#     configs/finetec/completion_mlp_1xb256-40k_ntu120-xsub-2d.py
_base_ = [
    '../_base_/default_runtime.py',
    '../_base_/models/finetec_stgcn_coco17_2d.py',
    '../_base_/datasets/corrupted_skeleton_2d_coco17.py',
    '../_base_/schedules/sgd_cosine_150e.py'
]
ann_file = 'data/skeleton/ntu120_2d.pkl'
num_classes = 120
model = dict(
    completion_checkpoint=(
        'work_dirs/completion_mlp_1xb256-40k_ntu120-xsub-2d/iter_40000.pth'),
    cls_head=dict(num_classes=num_classes))
# two people per clip, as in MMAction2's NTU configs
train_pipeline, val_pipeline, test_pipeline = (
    [dict(t, num_person=2) if t['type'] == 'FormatGCNInput' else t
     for t in p]
    for p in (_base_.train_pipeline, _base_.val_pipeline,
              _base_.test_pipeline))
train_dataloader = dict(
    dataset=dict(
        dataset=dict(ann_file=ann_file, split='xsub_train',
                     num_classes=num_classes, pipeline=train_pipeline)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=num_classes,
                 pipeline=val_pipeline))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file, split='xsub_val', num_classes=num_classes,
                 pipeline=test_pipeline))
