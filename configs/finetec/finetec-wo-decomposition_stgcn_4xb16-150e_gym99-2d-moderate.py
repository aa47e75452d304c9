# FineTec Table 4: without the spatial decomposition (S_base only).
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(decomposition=None)
