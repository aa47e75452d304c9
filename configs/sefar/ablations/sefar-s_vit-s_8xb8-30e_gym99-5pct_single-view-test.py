# The authors' test protocol: one view per video with random segment
# offsets of the dual-level sampler (as in training), centre crop, for the
# checkpoint of sefar-s_vit-s_8xb8-30e_gym99-5pct.py, whose own test takes
# the usual three temporal views:
#   python tools/test.py THIS_CONFIG CHECKPOINT
_base_ = ['../sefar-s_vit-s_8xb8-30e_gym99-5pct.py']
test_dataloader = dict(dataset=dict(pipeline=[
    dict(t, num_clips=1, test_mode=False)
    if t['type'] == 'DualLevelSampleFrames' else t
    for t in _base_.test_pipeline
]))
