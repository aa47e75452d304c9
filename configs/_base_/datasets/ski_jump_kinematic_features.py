# Ski jumping (32 jumps, judges' style scores) as
# tools/data/prepare_ski_jump.py writes it: data/ski_jump/features/
# JP00NN.npy (N_clips, 138) kinematic features of 16-frame clips, and
# fold<k>_{train,test}.csv lists (video,score; 24 / 8 jumps). The score is
# the style score (three middle marks of five judges, at most 60); the
# declared range 40-60 covers every jump of the set (48-58.5) and leaves
# room below, so CoFInAl's four grades are 5 points wide. The config
# trains fold 0; tools/analysis/aqa_cross_validation.py runs every fold.
_base_ = ['../default_runtime.py']
default_hooks = dict(checkpoint=dict(save_best=None, interval=50))

feature_dim = 138
dataset_common = dict(
    type='ClipFeatureScoreDataset',
    data_root='data/ski_jump',
    feature_dir='features',
    label_format='csv',
    score_column='score',
    score_range=(40.0, 60.0),
    feature_dim=feature_dim)
# jumps have 13-26 clips and the label scores the whole jump: the training
# window takes them all (shorter jumps padded, masked)
num_clips = 26
train_pipeline = [
    dict(type='LoadClipFeatures'),
    dict(type='SampleClipWindow', num_clips=num_clips),
    dict(type='PackScoreInputs')
]
test_pipeline = [
    dict(type='LoadClipFeatures'),
    dict(type='SampleClipWindow', num_clips=num_clips, test_mode=True),
    dict(type='PackScoreInputs')
]
train_dataloader = dict(
    batch_size=8,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        **dataset_common, ann_file='fold0_train.csv',
        pipeline=train_pipeline))
test_dataloader = dict(
    batch_size=8,
    num_workers=0,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        **dataset_common,
        ann_file='fold0_test.csv',
        pipeline=test_pipeline,
        test_mode=True))
test_evaluator = [
    dict(type='SpearmanCorrelation'),
    dict(type='RelativeL2Distance')
]
