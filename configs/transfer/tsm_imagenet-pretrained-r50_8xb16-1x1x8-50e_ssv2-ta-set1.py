# The Syn-TA baseline (TSM and its own head, the coarse head alone) on
# SSV2-TA: 26 coarse classes, 81 fine in set 1, 68 in set 2. Data:
# data/ssv2-ta/videos/<class>/<file>.mp4 and its lists
# data/ssv2-ta/{train,val}_set{1,2}_{coarse,fine}.txt.
_base_ = ['./tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_syn-ta-set1.py']
num_classes = 26
num_fine_classes = 81  # the larger set's fine classes
model = dict(cls_head=dict(num_classes=num_classes))
data_root = 'data/ssv2-ta'
dataset = dict(
    num_classes=num_classes, data_prefix=dict(video=f'{data_root}/videos'))
train_dataloader = dict(
    dataset=dict(
        **dataset,
        ann_file=f'{data_root}/train_set1_coarse.txt',
        fine_ann_file=f'{data_root}/train_set1_fine.txt'))
val_dataloader = dict(
    dataset=dict(
        **dataset,
        ann_file=f'{data_root}/val_set1_coarse.txt',
        fine_ann_file=f'{data_root}/val_set1_fine.txt'))
test_dataloader = val_dataloader
