_base_ = ['./stgcn_8xb16-40e_nw-ucla-xview-3d-moderate.py']

corruption = 'minor'  # 25% of the frames dropped
