# FineTec Table 8: the recognizer on a completion without in-context prompts.
# completion: python tools/train.py \
#     configs/finetec/completion_mlp-wo-icl_1xb256-40k_gym99-2d.py
_base_ = ['./finetec_stgcn_4xb16-150e_gym99-2d-moderate.py']
model = dict(
    completion=dict(use_prompt=False),
    completion_checkpoint=(
        'work_dirs/completion_mlp-wo-icl_1xb256-40k_gym99-2d/'
        'iter_40000.pth'))
