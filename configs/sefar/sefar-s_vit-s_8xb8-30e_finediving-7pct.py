# SeFAR-S on FineDiving, 7% labelled (the label-rate sweep of Table 6).
# lists: python tools/data/split_semi_supervised.py \
#     data/finediving/annotations/finediving_train.txt --percent 7
_base_ = ['./sefar-s_vit-s_8xb8-30e_finediving-5pct.py']
annotations = 'data/finediving/annotations/'
labeled, unlabeled = _base_.train_dataloader.dataset.datasets
train_dataloader = dict(dataset=dict(datasets=[
    dict(labeled, ann_file=annotations + 'finediving_train_7pct_labeled.txt'),
    dict(unlabeled,
         ann_file=annotations + 'finediving_train_7pct_unlabeled.txt'),
]))
