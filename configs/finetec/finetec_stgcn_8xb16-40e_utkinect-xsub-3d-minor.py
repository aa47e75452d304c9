_base_ = ['./finetec_stgcn_8xb16-40e_utkinect-xsub-3d-moderate.py']

corruption = 'minor'  # 25% of the frames dropped
