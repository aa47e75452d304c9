_base_ = ['./finetec_stgcn_4xb16-150e_ntu60-xsub-2d-moderate.py']

corruption = 'minor'  # 25% of the frames dropped
