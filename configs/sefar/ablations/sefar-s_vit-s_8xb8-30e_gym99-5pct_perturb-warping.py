# Table 4 ablation, SeFAR-S on Gym99 5%: warping (order-focused): SVFormer's
# temporal warping inside each element,
# in place of Mod-Perturb (ReverseFineElements) in the strong view.
_base_ = ['../sefar-s_vit-s_8xb8-30e_gym99-5pct.py']
strong_perturbation = [dict(type='WarpElements')]
strong_view = [
    s for t in _base_.strong_view for s in (
        strong_perturbation if t['type'] == 'ReverseFineElements' else [t])
]
unlabeled = _base_.train_dataloader.dataset.datasets[1]
unlabeled['pipeline'][-1]['views']['strong'] = strong_view
train_dataloader = dict(
    dataset=dict(datasets=[_base_.train_dataloader.dataset.datasets[0],
                           unlabeled]))
