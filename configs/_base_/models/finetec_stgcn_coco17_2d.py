# FineTec on MMAction2's ST-GCN for COCO-17 2D skeletons (x, y, score).
# Children set cls_head.num_classes and completion_checkpoint (a
# configs/finetec/completion_* run).
_base_ = ['../skeleton_layouts/coco17.py']

model = dict(
    type='FineTecRecognizer',
    in_channels=3,
    completion=dict(
        type='ContextAwareCompletion', layout={{_base_.layout_name}},
        num_joints=17, coord_dims=2, window=16, num_blocks=12),
    completion_checkpoint=None,
    decomposition=dict(
        type='SpatialDecomposition', layout={{_base_.layout_name}},
        num_dynamic=2),
    physics=dict(
        type='LagrangianAcceleration', num_joints=17, coord_dims=2,
        hidden_dims=64),
    fusion=dict(
        type='PositionAccelerationAttention', pos_channels=3, acc_channels=2,
        embed_dims=16, num_heads=4),
    acc_loss_weight=1.0,
    backbone=dict(
        type='STGCN',
        in_channels=16,
        graph_cfg=dict(layout={{_base_.graph_layout}}, mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=None, in_channels=256))
