# The completion of the flick variant of the embedded data (16 classes:
# python tools/data/generate_fine_skeleton.py --flick).
_base_ = ['./completion_mlp_1xb64-600i_fine-skeleton-coco17-2d.py']
ann_file = 'data/fine_skeleton/fine_skeleton_flick_coco17.pkl'
model = dict(
    completion=dict(bank_file='data/fine_skeleton/bank_flick_coco17_w16.pkl'))
train_dataloader = dict(dataset=dict(ann_file=ann_file))
val_dataloader = dict(dataset=dict(ann_file=ann_file))
test_dataloader = val_dataloader
