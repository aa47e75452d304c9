# FineTec Fig. 4: FineTec with its context-aware completion replaced by
# linear interpolation of each sample's kept frames (the rest unchanged).
_base_ = ['./finetec-wo-completion_stgcn_4xb16-150e_gym99-2d-moderate.py']
# RestoreDroppedFrames after TemporalCorruption
restorer = 'linear_interpolation'
