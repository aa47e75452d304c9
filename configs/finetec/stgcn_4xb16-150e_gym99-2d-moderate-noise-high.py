# FineTec Table 6 ("S-high"): the moderate model tested with Gaussian noise
# of std 0.03 (normalised coordinates) on the observed keypoints.
#   python tools/test.py THIS_CONFIG \
#       work_dirs/stgcn_4xb16-150e_gym99-2d-moderate/epoch_150.pth
_base_ = ['./stgcn_4xb16-150e_gym99-2d-moderate.py']
noise = dict(type='KeypointNoise', std=0.03, test_mode=True)
test_dataloader = dict(
    dataset=dict(pipeline=sum([[t, noise] if t['type'] == 'TemporalCorruption'
                               else [t] for t in _base_.test_pipeline], [])))
