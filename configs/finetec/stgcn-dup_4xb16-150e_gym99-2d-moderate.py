# FineTec Fig. 4: ST-GCN with a simple restorer (left_to_right_copy) in
# front, each clip's dropped frames filled from its kept ones before the GCN.
_base_ = ['./stgcn_4xb16-150e_gym99-2d-moderate.py']
# RestoreDroppedFrames after TemporalCorruption
restorer = 'left_to_right_copy'
