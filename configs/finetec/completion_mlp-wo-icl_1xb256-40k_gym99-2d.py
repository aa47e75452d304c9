# FineTec Table 8: the completion pre-trained without in-context prompts.
_base_ = ['./completion_mlp_1xb256-40k_gym99-2d.py']
model = dict(completion=dict(use_prompt=False))
