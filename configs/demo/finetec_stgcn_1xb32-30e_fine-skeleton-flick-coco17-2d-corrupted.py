# FineTec on the flick variant of the embedded data (16 classes), with the
# data and schedule of stgcn_1xb32-30e_fine-skeleton-flick-coco17-2d-*.py.
_base_ = ['./finetec_stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py']
num_classes = 16
ann_file = 'data/fine_skeleton/fine_skeleton_flick_coco17.pkl'
completion_run = ('work_dirs/'
                  'completion_mlp_1xb64-600i_fine-skeleton-flick-coco17-2d')
model = dict(
    completion_checkpoint=f'{completion_run}/iter_600.pth',
    cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(dataset=dict(ann_file=ann_file, num_classes=num_classes)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file, num_classes=num_classes))
test_dataloader = val_dataloader
max_epochs = 30
train_cfg = dict(max_epochs=max_epochs, val_interval=10)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', eta_min=0, T_max=max_epochs,
         by_epoch=True, convert_to_iter_based=True)
]
