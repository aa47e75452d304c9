# Fig. 4 (left) ablation, SeFAR-B on Gym99 5%: elements {2-4} instead of
# {2-2-4}, in the sampler of every pipeline and in the model.
_base_ = ['../sefar-b_vit-b_8xb8-30e_gym99-5pct.py']
elements = [2, 4]
model = dict(
    backbone=dict(elements=elements),
    cls_head=dict(num_elements=len(elements)))
labeled, unlabeled = _base_.train_dataloader.dataset.datasets
for_elements = dict(type='DualLevelSampleFrames', elements=elements)
train_dataloader = dict(dataset=dict(datasets=[
    dict(ds, pipeline=[
        dict(t, **for_elements) if t['type'] == for_elements['type'] else t
        for t in ds['pipeline']
    ]) for ds in (labeled, unlabeled)
]))
val_dataloader = dict(dataset=dict(pipeline=[
    dict(t, **for_elements) if t['type'] == for_elements['type'] else t
    for t in _base_.val_pipeline
]))
test_dataloader = dict(dataset=dict(pipeline=[
    dict(t, **for_elements) if t['type'] == for_elements['type'] else t
    for t in _base_.test_pipeline
]))
