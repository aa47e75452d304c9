_base_ = ['./finetec_stgcn_4xb16-150e_ntu120-xsub-2d-moderate.py']

corruption = 'severe'  # 75% of the frames dropped
