"""The fusion against an einsum reference, in both modes."""
import pytest
import torch

from mmfine.models.finetec import PositionAccelerationAttention


def reference(module, pos, acc):
    """``LN(q + MHA(q, a, a))`` (or ``LN(q + MLP([q, a]))``) over the joints
    of each frame, written out with einsum."""
    n, t, v, _ = pos.shape
    q = torch.einsum('ntvc,dc->ntvd', pos, module.pos_embed.weight) + \
        module.pos_embed.bias
    a = torch.einsum('ntvc,dc->ntvd', acc, module.acc_embed.weight) + \
        module.acc_embed.bias
    if module.mode == 'mlp':
        w1, w2 = module.mlp[0], module.mlp[2]
        hidden = torch.relu(torch.einsum('ntvc,dc->ntvd',
                                         torch.cat([q, a], -1), w1.weight) +
                            w1.bias)
        mixed = torch.einsum('ntvc,dc->ntvd', hidden, w2.weight) + w2.bias
    else:
        att = module.attention
        e = q.shape[-1]
        heads = att.num_heads
        wq, wk, wv = att.in_proj_weight.split(e)
        bq, bk, bv = att.in_proj_bias.split(e)

        def split(x):  # (n, t, v, e) -> (n, t, heads, v, e / heads)
            return x.reshape(n, t, v, heads, e // heads).transpose(2, 3)

        qh = split(torch.einsum('ntvc,dc->ntvd', q, wq) + bq)
        kh = split(torch.einsum('ntvc,dc->ntvd', a, wk) + bk)
        vh = split(torch.einsum('ntvc,dc->ntvd', a, wv) + bv)
        logits = torch.einsum('nthid,nthjd->nthij', qh, kh) / (e // heads)**.5
        out = torch.einsum('nthij,nthjd->nthid', logits.softmax(-1), vh)
        out = out.transpose(2, 3).reshape(n, t, v, e)
        mixed = torch.einsum('ntvc,dc->ntvd', out, att.out_proj.weight) + \
            att.out_proj.bias
    return torch.nn.functional.layer_norm(
        q + mixed, (q.shape[-1], ), module.norm.weight, module.norm.bias)


@pytest.mark.parametrize('mode', ['cross_attention', 'mlp'])
def test_matches_the_einsum_reference(mode):
    torch.manual_seed(0)
    module = PositionAccelerationAttention(3, 2, embed_dims=8, num_heads=2,
                                           mode=mode).eval()
    with torch.no_grad():  # non-trivial norm affine
        module.norm.weight.uniform_(0.5, 1.5)
        module.norm.bias.uniform_(-0.5, 0.5)
    pos, acc = torch.randn(2, 5, 6, 3), torch.randn(2, 5, 6, 2)
    torch.testing.assert_close(module(pos, acc), reference(module, pos, acc),
                               rtol=1e-5, atol=1e-5)


def test_attention_mixes_joints_of_one_frame_only():
    """Changing another frame's acceleration leaves a frame unchanged;
    changing another joint's acceleration in the same frame does not."""
    torch.manual_seed(0)
    module = PositionAccelerationAttention(3, 2, embed_dims=8,
                                           num_heads=2).eval()
    pos, acc = torch.randn(1, 4, 5, 3), torch.randn(1, 4, 5, 2)
    out = module(pos, acc)
    other_frame = acc.clone()
    other_frame[0, 3] += 1.0
    torch.testing.assert_close(module(pos, other_frame)[0, :3], out[0, :3])
    other_joint = acc.clone()
    other_joint[0, 0, 4] += 1.0
    assert not torch.allclose(module(pos, other_joint)[0, 0, 0], out[0, 0, 0])


def test_unknown_mode():
    with pytest.raises(ValueError, match='cross_attention'):
        PositionAccelerationAttention(3, 2, mode='gate')
