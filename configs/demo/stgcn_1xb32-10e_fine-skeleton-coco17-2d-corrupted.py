# ST-GCN on the embedded synthetic data under temporal corruption: trained
# with 25%, 50% or 75% of each sample's frames dropped (one level drawn per
# sample), tested at 50% (tools/run_demo.py tests every level).
_base_ = [
    '../_base_/default_runtime.py',
    '../_base_/datasets/corrupted_skeleton_2d_coco17.py'
]
train_corruption = ['minor', 'moderate', 'severe']  # one drawn per sample
num_classes = 12
ann_file = 'data/fine_skeleton/fine_skeleton_coco17.pkl'
model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='STGCN',
        in_channels=3,
        graph_cfg=dict(layout='coco', mode='stgcn_spatial'),
        base_channels=32,
        num_stages=6,
        inflate_stages=[3, 5],
        down_stages=[3, 5]),
    cls_head=dict(type='GCNHead', num_classes=num_classes, in_channels=128))
# no horizontal flip: left and right variants are different classes
loader = dict(num_workers=0, persistent_workers=False)
train_dataloader = dict(
    batch_size=32,
    **loader,
    dataset=dict(
        times=3,
        dataset=dict(
            ann_file=ann_file, split='train', num_classes=num_classes)))
val_dataloader = dict(
    batch_size=64,
    **loader,
    dataset=dict(ann_file=ann_file, split='test', num_classes=num_classes))
test_dataloader = dict(
    batch_size=16,
    **loader,
    dataset=dict(ann_file=ann_file, split='test', num_classes=num_classes))

max_epochs = 10
train_cfg = dict(
    type='EpochBasedTrainLoop', max_epochs=max_epochs, val_begin=1,
    val_interval=5)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs,
         by_epoch=True, convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(
        type='SGD', lr=0.05, momentum=0.9, weight_decay=0.0005, nesterov=True))
default_hooks = dict(logger=dict(interval=5))
randomness = dict(seed=0)
auto_scale_lr = dict(enable=False, base_batch_size=32)
