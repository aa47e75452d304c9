# FineTec Table 9: six GCNs, one per sequence (S_base, S_dyna, S_stat and
# their accelerations), features averaged before the head.
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(streams='six', fusion=None)
