# FineTec on MMAction2's ST-GCN for Kinect v1 3D skeletons (x, y, z).
_base_ = ['../skeleton_layouts/kinect_v1_20.py']

model = dict(
    type='FineTecRecognizer',
    in_channels=3,
    completion=dict(
        type='ContextAwareCompletion', layout={{_base_.layout_name}},
        num_joints=20, coord_dims=3, window=16, num_blocks=12),
    completion_checkpoint=None,
    decomposition=dict(
        type='SpatialDecomposition', layout={{_base_.layout_name}},
        num_dynamic=2),
    physics=dict(
        type='LagrangianAcceleration', num_joints=20, coord_dims=3,
        hidden_dims=64),
    fusion=dict(
        type='PositionAccelerationAttention', pos_channels=3, acc_channels=3,
        embed_dims=16, num_heads=4),
    acc_loss_weight=1.0,
    backbone=dict(
        type='STGCN',
        in_channels=16,
        graph_cfg=dict(layout={{_base_.graph_layout}}, mode='stgcn_spatial')),
    cls_head=dict(type='GCNHead', num_classes=None, in_channels=256))
