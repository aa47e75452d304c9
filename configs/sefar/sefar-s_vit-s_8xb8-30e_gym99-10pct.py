# SeFAR-S on gym99, 10% labelled: the authors' split (all99_10, as in
# the paper's Table 1):
#   python tools/data/import_sefar_splits.py \
#       <authors>/dataset/finegym/all99_10 --out-dir data/gym99/annotations
# (or a split of your own: tools/data/split_semi_supervised.py
#  data/gym99/annotations/gym99_train.txt --percent 10, and point
#  labeled_list / unlabeled_list at its lists)
_base_ = [
    '../_base_/sefar_runtime.py', '../_base_/models/sefar_vit-s.py',
    '../_base_/datasets/sefar_semi_video.py',
    '../_base_/schedules/sgd_step_30e.py'
]
num_classes = 99
video_root = 'data/gym99/videos'
labeled_list = 'data/gym99/annotations/all99_10_labeled.txt'
unlabeled_list = 'data/gym99/annotations/all99_10_unlabeled.txt'
val_list = 'data/gym99/annotations/gym99_val.txt'
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
