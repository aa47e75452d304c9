_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']

corruption = 'severe'  # 75% of the frames dropped
train_pipeline, val_pipeline, test_pipeline = (
    [dict(t, drop_ratio=corruption) if t['type'] == 'TemporalCorruption'
     else t for t in p]
    for p in (_base_.train_pipeline, _base_.val_pipeline,
              _base_.test_pipeline))
train_dataloader = dict(dataset=dict(dataset=dict(pipeline=train_pipeline)))
val_dataloader = dict(dataset=dict(pipeline=val_pipeline))
test_dataloader = dict(dataset=dict(pipeline=test_pipeline))
