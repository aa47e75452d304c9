# SeFAR-S on the 25 Uneven-Bars elements of Gym99 (elements within an event),
# 20% labelled: Table 1(b), the authors' split
# (UB_20; its val/test list ships with UB_10):
#   python tools/data/import_sefar_splits.py \
#       <authors>/dataset/finegym/UB_20 \
#       <authors>/dataset/finegym/UB_10 --out-dir data/gym99/annotations
_base_ = ['./sefar-s_vit-s_8xb8-30e_gym99-10pct.py']
num_classes = 25
annotations = 'data/gym99/annotations/'
model = dict(cls_head=dict(num_classes=num_classes))
labeled, unlabeled = _base_.train_dataloader.dataset.datasets
train_dataloader = dict(dataset=dict(datasets=[
    dict(labeled, ann_file=annotations + 'UB_20_labeled.txt',
         num_classes=num_classes),
    dict(unlabeled, ann_file=annotations + 'UB_20_unlabeled.txt',
         num_classes=num_classes),
]))
val_dataloader = dict(dataset=dict(
    ann_file=annotations + 'UB_10_val.txt', num_classes=num_classes))
test_dataloader = val_dataloader
