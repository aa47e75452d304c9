_base_ = ['./stgcn_4xb16-150e_ntu120-xsub-2d-moderate.py']

corruption = 'minor'  # 25% of the frames dropped
