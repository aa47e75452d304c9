# SeFAR-B on finediving, 5pct labelled: SeFAR-S's data and schedule with
# ViT-B/16.
_base_ = ['./sefar-s_vit-s_8xb8-30e_finediving-5pct.py']
model = dict(backbone=dict(arch='base'), cls_head=dict(in_channels=768))
