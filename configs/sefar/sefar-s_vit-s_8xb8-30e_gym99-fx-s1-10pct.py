# SeFAR-S on the 11 jumps of Floor-Exercise set 1 (elements within a set), 10%
# labelled: Table 1(b), the authors' split
# (FX_S1_10):
#   python tools/data/import_sefar_splits.py \
#       <authors>/dataset/finegym/FX_S1_10 --out-dir data/gym99/annotations
_base_ = ['./sefar-s_vit-s_8xb8-30e_gym99-10pct.py']
num_classes = 11
annotations = 'data/gym99/annotations/'
model = dict(cls_head=dict(num_classes=num_classes))
labeled, unlabeled = _base_.train_dataloader.dataset.datasets
train_dataloader = dict(dataset=dict(datasets=[
    dict(labeled, ann_file=annotations + 'FX_S1_10_labeled.txt',
         num_classes=num_classes),
    dict(unlabeled, ann_file=annotations + 'FX_S1_10_unlabeled.txt',
         num_classes=num_classes),
]))
val_dataloader = dict(dataset=dict(
    ann_file=annotations + 'FX_S1_10_test.txt', num_classes=num_classes))
test_dataloader = val_dataloader
