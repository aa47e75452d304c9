# SeFAR-B: as SeFAR-S with a ViT-B/16 backbone.
_base_ = ['./sefar_vit-s.py']
model = dict(
    backbone=dict(arch='base'), cls_head=dict(in_channels=768))
