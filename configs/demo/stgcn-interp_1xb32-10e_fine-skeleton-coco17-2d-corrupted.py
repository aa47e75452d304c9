# ST-GCN on linearly interpolated input (FineTec Fig. 4's restorer in front
# of an unchanged recognizer): the corrupted clips of
# stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py, with the dropped
# frames of each clip filled from its kept ones before the GCN sees them.
_base_ = ['./stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py']
# RestoreDroppedFrames after TemporalCorruption
restorer = 'linear_interpolation'
