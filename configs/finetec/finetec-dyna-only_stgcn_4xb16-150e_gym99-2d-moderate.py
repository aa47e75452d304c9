# FineTec Table 5: S_base and S_dyna only.
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(branches=('dyna', ))
