# The motion-transferability demo's disentangled model: the baseline's
# backbone, data and schedule with a coarse and a fine branch, the fine
# evidence pooled into the coarse prediction (CoarseFineHead). The fine
# classes of each set (object x motion) come from its lists
# (FineToCoarseHook).
_base_ = ['./coarse_r3d-tiny_1xb16-20e_transfer-videos-set1.py']
model = dict(
    cls_head=dict(
        _delete_=True,
        type='CoarseFineHead',
        in_channels=128,
        num_classes=_base_.num_classes,
        num_fine_classes=12,  # 2 objects x 6 motions in either set
        dropout_ratio=0.5,
        average_clips='prob'))
custom_hooks = [dict(type='RandomStateHook'), dict(type='FineToCoarseHook')]
