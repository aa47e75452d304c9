# FineTec Fig. 4: ST-GCN with a simple restorer (linear_interpolation) in front, each
# clip's dropped frames filled from its kept ones before the GCN.
_base_ = ['./stgcn_4xb16-150e_gym99-2d-moderate.py']
restorer = dict(type='RestoreDroppedFrames', method='linear_interpolation')



def _restored(pipeline):
    """``pipeline`` with the restorer right after TemporalCorruption."""
    return sum([[t, restorer] if t['type'] == 'TemporalCorruption' else [t]
                for t in pipeline], [])


train_dataloader = dict(
    dataset=dict(dataset=dict(pipeline=_restored(_base_.train_pipeline))))
val_dataloader = dict(dataset=dict(pipeline=_restored(_base_.val_pipeline)))
test_dataloader = dict(dataset=dict(pipeline=_restored(_base_.test_pipeline)))
