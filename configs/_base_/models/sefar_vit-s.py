# SeFAR-S: multi-granular TimeSformer (ViT-S/16; SeFAR-B sets arch="base"
# and cls_head.in_channels=768) with the fusion head,
# EMA teacher with Adaptive Regulation. Children set
# cls_head.num_classes and, for ImageNet initialisation,
# backbone.pretrained (a local timm or MMPretrain ViT-S/16 checkpoint).
elements = [2, 2, 4]
model = dict(
    type='SeFARRecognizer',
    backbone=dict(
        type='MultiGranularTimeSformer', arch='small', elements=elements,
        img_size=224, patch_size=16, drop_path_rate=0.1, pretrained=None),
    cls_head=dict(
        type='MultiGranularFusionHead', num_classes=None, in_channels=384,
        num_elements=len(elements), hidden_dims=256,
        shared_projections=True, dropout_ratio=0.5,
        average_clips='prob'),
    data_preprocessor=dict(
        type='SemiSupervisedDataPreprocessor',
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'),
    warmup_epochs=5,  # = the batch sampler's (labelled-only batches)
    ema_momentum=1e-4,  # decay 0.9999
    num_teacher_predictions=10,
    weighting='adaptive',
    sigma_scale=20.0,
    eps=1e-9,
    unsup_weight=2.0,
    mix_weight=2.0,
    strong_dropout=0.2)
