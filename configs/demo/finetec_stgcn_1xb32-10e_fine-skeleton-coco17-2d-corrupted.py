# FineTec on the embedded synthetic data under the same corruption as
# stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py, with the same GCN.
# Pre-train the completion first (completion_mlp_1xb64-600i_*).
_base_ = ['./stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py']
completion_run = 'work_dirs/completion_mlp_1xb64-600i_fine-skeleton-coco17-2d'
model = dict(
    _delete_=True,
    type='FineTecRecognizer',
    in_channels=3,
    completion=dict(
        type='ContextAwareCompletion', layout='coco17', num_joints=17,
        coord_dims=2, window=16, num_blocks=12),
    completion_checkpoint=f'{completion_run}/iter_600.pth',
    decomposition=dict(type='SpatialDecomposition', layout='coco17'),
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
        graph_cfg=dict(layout='coco', mode='stgcn_spatial'),
        base_channels=32,
        num_stages=6,
        inflate_stages=[3, 5],
        down_stages=[3, 5]),
    cls_head=dict(type='GCNHead', num_classes=12, in_channels=128))
