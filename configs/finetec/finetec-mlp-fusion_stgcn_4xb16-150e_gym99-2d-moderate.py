# FineTec ablation: an MLP instead of cross-attention to fuse positions and
# accelerations (the paper: 0.779 vs 0.797 at moderate).
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(fusion=dict(mode='mlp'))
