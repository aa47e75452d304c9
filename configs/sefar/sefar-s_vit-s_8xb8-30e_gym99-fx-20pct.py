# SeFAR-S on the 35 Floor-Exercise elements of Gym99 (elements within an
# event), 20% labelled: Table 1(b), the authors' split
# (FX_20; its val/test list ships with FX_10):
#   python tools/data/import_sefar_splits.py \
#       <authors>/dataset/finegym/FX_20 \
#       <authors>/dataset/finegym/FX_10 --out-dir data/gym99/annotations
_base_ = ['./sefar-s_vit-s_8xb8-30e_gym99-10pct.py']
num_classes = 35
annotations = 'data/gym99/annotations/'
model = dict(cls_head=dict(num_classes=num_classes))
labeled, unlabeled = _base_.train_dataloader.dataset.datasets
train_dataloader = dict(dataset=dict(datasets=[
    dict(labeled, ann_file=annotations + 'FX_20_labeled.txt',
         num_classes=num_classes),
    dict(unlabeled, ann_file=annotations + 'FX_20_unlabeled.txt',
         num_classes=num_classes),
]))
val_dataloader = dict(dataset=dict(
    ann_file=annotations + 'FX_10_val.txt', num_classes=num_classes))
test_dataloader = val_dataloader
