# ST-GCN on linearly interpolated input, flick variant (16 classes).
_base_ = ['./stgcn_1xb32-30e_fine-skeleton-flick-coco17-2d-corrupted.py']
restorer = 'linear_interpolation'
