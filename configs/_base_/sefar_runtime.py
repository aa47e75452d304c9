# The runtime of SeFAR and its supervised-only baselines: the authors' 64
# labelled clips per optimizer step over all GPUs (gradient accumulation
# where a batch holds fewer), and the per-epoch semi-supervised statistics.
_base_ = ['./default_runtime.py']
labeled_clips_per_step = 64
custom_hooks = [
    dict(type='RandomStateHook'),
    dict(type='LabeledClipsPerStepHook', clips=labeled_clips_per_step),
    dict(type='SemiSupervisedStatsHook')
]
