# The coarse/fine disentangled model on SSV2-TA: the baseline's TSM, data
# and schedule with CoarseFineHead; each set's fine classes come from its
# lists (FineToCoarseHook).
_base_ = ['./tsm_imagenet-pretrained-r50_8xb16-1x1x8-50e_ssv2-ta-set1.py']
model = dict(
    cls_head=dict(
        _delete_=True,
        type='CoarseFineHead',
        in_channels=2048,
        num_classes=_base_.num_classes,
        num_fine_classes=_base_.num_fine_classes,
        dropout_ratio=0.5,
        average_clips='prob'))
custom_hooks = [dict(type='FineToCoarseHook')]
