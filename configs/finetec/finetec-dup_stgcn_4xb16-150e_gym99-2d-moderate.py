# FineTec Fig. 4: FineTec with its context-aware completion replaced by
# duplication (each dropped frame copies the last kept one).
_base_ = ['./finetec-wo-completion_stgcn_4xb16-150e_gym99-2d-moderate.py']
# RestoreDroppedFrames after TemporalCorruption
restorer = 'left_to_right_copy'
