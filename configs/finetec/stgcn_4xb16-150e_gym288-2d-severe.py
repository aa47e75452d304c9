_base_ = ['./stgcn_4xb16-150e_gym288-2d-moderate.py']

corruption = 'severe'  # 75% of the frames dropped
