# SeFAR-S on ucf101, 10% labelled: the authors' split (list_ucf_10):
#   python tools/data/import_sefar_splits.py \
#       <authors>/dataset/list_ucf_10 --out-dir data/ucf101/annotations
# (or a split of your own with tools/data/split_semi_supervised.py
#  --percent 10, and point labeled_list / unlabeled_list at it)
_base_ = [
    '../_base_/sefar_runtime.py', '../_base_/models/sefar_vit-s.py',
    '../_base_/datasets/sefar_semi_video.py',
    '../_base_/schedules/sgd_step_30e.py'
]
num_classes = 101
video_root = 'data/ucf101/videos'
labeled_list = 'data/ucf101/annotations/list_ucf_10_labeled.txt'
unlabeled_list = ('data/ucf101/annotations/'
                  'list_ucf_10_unlabeled.txt')
val_list = 'data/ucf101/annotations/ucf101_val_split_1_videos.txt'
model = dict(cls_head=dict(num_classes=num_classes))
train_dataloader = dict(
    dataset=dict(datasets=[
        dict(_base_.labeled_dataset, ann_file=labeled_list,
             num_classes=num_classes, data_prefix=dict(video=video_root)),
        dict(_base_.unlabeled_dataset, ann_file=unlabeled_list,
             num_classes=num_classes, data_prefix=dict(video=video_root)),
    ]))
val_dataloader = dict(
    dataset=dict(ann_file=val_list, num_classes=num_classes,
                 data_prefix=dict(video=video_root)))
test_dataloader = val_dataloader
