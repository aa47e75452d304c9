# MA-52 with MMAction2's TSM (ImageNet-pretrained R50, 8 segments, 50
# epochs) and the hierarchical action/body head. Data as the MA-52
# release ships it: data/ma52/{train,val}/<name>.mp4 and the lists
# data/ma52/ma52_{train,val}_list_videos.txt (<name>.mp4 <action_id>).
_base_ = [
    'mmaction::recognition/tsm/'
    'tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_kinetics400-rgb.py'
]
# lets MMAction2's own tools/train.py and tools/test.py run this config
custom_imports = dict(imports=['mmfine'], allow_failed_imports=False)

model = dict(
    cls_head=dict(
        _delete_=True,
        type='HierarchicalClsHead',
        in_channels=2048,
        num_classes=52,
        channel_dim=1,
        dropout_ratio=0.5,
        average_clips='prob'))

dataset_type = 'MicroActionVideoDataset'
data_root = 'data/ma52'
train_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ma52_train_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/train')))
val_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ma52_val_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/val')))
test_dataloader = dict(
    dataset=dict(
        type=dataset_type,
        ann_file=f'{data_root}/ma52_val_list_videos.txt',
        data_prefix=dict(video=f'{data_root}/val')))
val_evaluator = dict(type='MicroActionMetric')
test_evaluator = dict(
    type='MicroActionMetric', prediction_file='work_dirs/ma52_prediction.csv')
default_hooks = dict(checkpoint=dict(save_best='ma52/f1_mean', rule='greater'))
