_base_ = ['../skeleton_layouts/coco17.py']

model = dict(
    type='RecognizerGCN',
    backbone=dict(
        type='STGCN',
        in_channels=3,
        graph_cfg=dict(layout={{_base_.graph_layout}}, mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=None, in_channels=256))
