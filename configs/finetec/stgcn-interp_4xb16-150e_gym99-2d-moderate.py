# FineTec Fig. 4: ST-GCN with a simple restorer (linear_interpolation) in
# front, each clip's dropped frames filled from its kept ones before the GCN.
_base_ = ['./stgcn_4xb16-150e_gym99-2d-moderate.py']
# RestoreDroppedFrames after TemporalCorruption
restorer = 'linear_interpolation'
