# FineTec Table 4: without the context-aware completion (the GCN path sees
# the corrupted input itself).
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(completion=None, completion_checkpoint=None)
