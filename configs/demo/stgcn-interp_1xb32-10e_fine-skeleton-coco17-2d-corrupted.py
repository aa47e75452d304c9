# ST-GCN on linearly interpolated input (FineTec Fig. 4's restorer in front
# of an unchanged recognizer): the corrupted clips of
# stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py, with the dropped
# frames of each clip filled from its kept ones before the GCN sees them.
_base_ = ['./stgcn_1xb32-10e_fine-skeleton-coco17-2d-corrupted.py']
restorer = dict(type='RestoreDroppedFrames', method='linear_interpolation')



def _restored(pipeline):
    """``pipeline`` with the restorer right after TemporalCorruption."""
    return sum([[t, restorer] if t['type'] == 'TemporalCorruption' else [t]
                for t in pipeline], [])


train_dataloader = dict(
    dataset=dict(dataset=dict(pipeline=_restored(_base_.train_pipeline))))
val_dataloader = dict(dataset=dict(pipeline=_restored(_base_.val_pipeline)))
test_dataloader = dict(dataset=dict(pipeline=_restored(_base_.test_pipeline)))
