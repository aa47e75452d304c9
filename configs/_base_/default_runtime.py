_base_ = 'mmaction::_base_/default_runtime.py'

# lets MMAction2's own tools/train.py and tools/test.py run mmfine configs
custom_imports = dict(imports=['mmfine'], allow_failed_imports=False)

default_hooks = dict(
    checkpoint=dict(
        type='CheckpointHook',
        interval=1,
        max_keep_ckpts=3,
        backend_args=dict(backend='atomic_local')))
custom_hooks = [dict(type='RandomStateHook')]

# nccl on GPUs; mmfine switches to gloo when CUDA is absent
env_cfg = dict(dist_cfg=dict(backend='nccl'))

# a fixed seed: two runs of one config train the same model
randomness = dict(seed=0)
