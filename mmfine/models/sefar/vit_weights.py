"""Load ImageNet ViT weights (timm or MMPretrain names) into the
multi-granular TimeSformer."""
import os.path as osp
import re
from typing import Dict

import torch
from mmengine.logging import print_log
from mmengine.runner.checkpoint import CheckpointLoader

# MMPretrain VisionTransformer name -> timm name
_MMPRETRAIN = [
    (r'^patch_embed\.projection\.', 'patch_embed.proj.'),
    (r'^layers\.(\d+)\.ln1\.', r'blocks.\1.norm1.'),
    (r'^layers\.(\d+)\.ln2\.', r'blocks.\1.norm2.'),
    (r'^layers\.(\d+)\.attn\.', r'blocks.\1.attn.'),
    (r'^layers\.(\d+)\.ffn\.layers\.0\.0\.', r'blocks.\1.mlp.fc1.'),
    (r'^layers\.(\d+)\.ffn\.layers\.1\.', r'blocks.\1.mlp.fc2.'),
    (r'^ln1\.', 'norm.'),
]


def to_timm_names(state: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    """A ViT state dict in timm's names, whichever of timm's or
    MMPretrain's it uses (a ``backbone.`` prefix is dropped, classifier
    heads are left out)."""
    out = {}
    for key, value in state.items():
        key = re.sub(r'^(module\.)?(backbone\.)?', '', key)
        if key.startswith(('head', 'fc_norm', 'pre_logits')):
            continue
        for pattern, repl in _MMPRETRAIN:
            key = re.sub(pattern, repl, key)
        out[key] = value
    return out


def load_vit_weights(model, path: str) -> None:
    """Initialise ``model`` (a ``MultiGranularTimeSformer``) from an image
    ViT: patch embedding, CLS token, position embedding (resized to the
    model's patch grid), blocks and final norm. Each block's temporal
    attention and its norm start as copies of the spatial ones (as
    TimeSformer does); ``temporal_fc`` stays zero, so the model starts as
    the image ViT applied frame by frame. Raises when the file is missing
    or holds no matching ViT weights; logs what was not initialised."""
    if not osp.exists(path) and '://' not in path:
        raise FileNotFoundError(f'ViT checkpoint {path} not found')
    ckpt = CheckpointLoader.load_checkpoint(
        path, map_location='cpu', logger='current')
    state = to_timm_names(ckpt.get('state_dict', ckpt.get('model', ckpt)))
    if 'pos_embed' in state:
        state['pos_embed'] = model.interpolate_pos_embed(
            state['pos_embed'], model.num_patches)
    for key in list(state):
        match = re.match(r'^blocks\.(\d+)\.(norm1|attn)\.(.*)$', key)
        if match:
            i, part, rest = match.groups()
            target = 'temporal_norm' if part == 'norm1' else 'temporal_attn'
            state.setdefault(f'blocks.{i}.{target}.{rest}', state[key])
    own = model.state_dict()
    loaded, mismatched = {}, []
    for key, value in state.items():
        if key in own:
            if own[key].shape == value.shape:
                loaded[key] = value
            else:
                mismatched.append(f'{key} {tuple(value.shape)} vs '
                                  f'{tuple(own[key].shape)}')
    if not loaded:
        raise ValueError(f'{path} holds no ViT weights this model can use '
                         '(expected timm or MMPretrain VisionTransformer '
                         'names)')
    if mismatched:
        raise ValueError(f'{path}: shapes differ from the model (another '
                         f'ViT size?): {mismatched[:5]}')
    model.load_state_dict(loaded, strict=False)
    missing = sorted(set(own) - set(loaded))
    print_log(
        f'loaded {len(loaded)} tensors from {path}; initialised '
        f'otherwise: {missing}',
        logger='current')
