# FineTec Table 6 ("S-low"): the moderate model tested with Gaussian noise
# of std 0.01 (normalised coordinates) on the observed keypoints.
#   python tools/test.py THIS_CONFIG \
#       work_dirs/finetec_stgcn_4xb16-150e_gym99-2d-moderate/epoch_150.pth
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
noise = dict(type='KeypointNoise', std=0.01, test_mode=True)
test_dataloader = dict(
    dataset=dict(pipeline=sum([[t, noise] if t['type'] == 'TemporalCorruption'
                               else [t] for t in _base_.test_pipeline], [])))
