# FineTec Table 4: without the physics-driven acceleration (the finite
# difference alone, no L_Ac).
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(physics=None)
