
import pytest
import torch

from mmfine.models import load_vit_weights
from mmfine.testing import tiny_timesformer


@pytest.mark.parametrize('naming', ['timm', 'mmpretrain'])
def test_vit_weights_load_from_a_local_file(tmp_path, naming):
    net = tiny_timesformer()
    src = tiny_timesformer()
    torch.manual_seed(1)
    for p in src.parameters():
        p.data.normal_()
    state = {}
    for key, value in src.state_dict().items():
        if key.startswith(('time_embeds', )) or 'temporal' in key:
            continue  # an image ViT has none
        if naming == 'mmpretrain':
            key = ('backbone.' + key).replace('patch_embed.proj',
                                              'patch_embed.projection')
            key = key.replace('blocks.', 'layers.').replace('.norm1.', '.ln1.')
            key = key.replace('.norm2.', '.ln2.').replace(
                '.mlp.fc1.', '.ffn.layers.0.0.').replace(
                    '.mlp.fc2.', '.ffn.layers.1.')
            key = key.replace('backbone.norm.', 'backbone.ln1.')
        state[key] = value
    state['head.weight'] = torch.randn(10, 32)  # a classifier: left out
    path = tmp_path / 'vit.pth'
    torch.save(dict(state_dict=state), path)
    load_vit_weights(net, str(path))
    ref = src.state_dict()
    got = net.state_dict()
    for key in ('patch_embed.proj.weight', 'blocks.1.attn.qkv.weight',
                'blocks.0.mlp.fc2.bias', 'norm.weight', 'pos_embed'):
        torch.testing.assert_close(got[key], ref[key])
    torch.testing.assert_close(got['blocks.0.temporal_attn.qkv.weight'],
                               ref['blocks.0.attn.qkv.weight'])
    assert got['blocks.0.temporal_fc.weight'].abs().sum() == 0


def test_vit_weights_bad_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_vit_weights(tiny_timesformer(), str(tmp_path / 'none.pth'))
    torch.save(dict(state_dict=dict(foo=torch.zeros(1))), tmp_path / 'x.pth')
    with pytest.raises(ValueError, match='no ViT weights'):
        load_vit_weights(tiny_timesformer(), str(tmp_path / 'x.pth'))


def test_position_embeddings_of_another_resolution_are_resized(tmp_path):
    """Weights of a ViT on a 4x4 patch grid loaded into the 2x2 grid of
    16x16 frames: the class token's embedding is copied, a grid that is
    constant stays that constant, and one that grows along the rows still
    grows along the rows and not along the columns."""
    net = tiny_timesformer()
    dims = net.pos_embed.shape[-1]
    rows = torch.arange(4.0).repeat_interleave(4)  # 4x4 grid, row index
    grid = torch.stack([torch.full((16, ), 0.5), rows] +
                       [torch.zeros(16)] * (dims - 2), 1)
    cls = torch.randn(1, dims)
    pos = torch.cat([cls, grid])[None]
    path = tmp_path / 'vit_64px.pth'
    torch.save(dict(pos_embed=pos), path)
    load_vit_weights(net, str(path))
    got = net.pos_embed.detach()
    assert got.shape == (1, 1 + 4, dims)
    torch.testing.assert_close(got[0, 0], cls[0])
    torch.testing.assert_close(got[0, 1:, 0], torch.full((4, ), 0.5))
    resized = got[0, 1:, 1].reshape(2, 2)
    assert (resized[1] > resized[0] + 1).all()  # down the rows: grows
    torch.testing.assert_close(resized[:, 0], resized[:, 1])
