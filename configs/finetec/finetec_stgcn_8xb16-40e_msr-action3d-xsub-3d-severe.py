_base_ = ['./finetec_stgcn_8xb16-40e_msr-action3d-xsub-3d-moderate.py']

corruption = 'severe'  # 75% of the frames dropped
