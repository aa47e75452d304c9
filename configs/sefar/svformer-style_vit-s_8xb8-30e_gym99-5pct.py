# SVFormer-style baseline: temporal warping as the strong augmentation and a
# fixed confidence threshold with one teacher prediction, instead of
# fine-element reversal and Adaptive Regulation.
_base_ = ['./sefar-s_vit-s_8xb8-30e_gym99-5pct.py']
model = dict(weighting='threshold', threshold=0.7, num_teacher_predictions=1)
strong_view = [
    dict(type='WarpElements') if t['type'] == 'ReverseFineElements' else t
    for t in _base_.strong_view
]
unlabeled = _base_.train_dataloader.dataset.datasets[1]
unlabeled['pipeline'][-1]['views']['strong'] = strong_view
train_dataloader = dict(
    dataset=dict(datasets=[_base_.train_dataloader.dataset.datasets[0],
                           unlabeled]))
