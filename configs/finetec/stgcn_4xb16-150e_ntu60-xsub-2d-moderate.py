# ST-GCN baseline under temporal corruption on MMAction2's NTU-60 2D
# skeletons (ntu60_2d.pkl).
_base_ = [
    '../_base_/default_runtime.py', '../_base_/models/stgcn_coco17_2d.py',
    '../_base_/datasets/corrupted_skeleton_2d_coco17.py',
    '../_base_/schedules/sgd_cosine_150e.py'
]
ann_file = 'data/skeleton/ntu60_2d.pkl'
num_classes = 60
model = dict(
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
