import pytest
import torch
import torch.nn.functional as F

from mmfine.models import MultiGranularFusionHead


def test_head_stochastic_logits_share_one_feature():
    torch.manual_seed(0)
    head = MultiGranularFusionHead(5, 32, num_elements=3, hidden_dims=16)
    x = torch.randn(4, 3, 32)
    head.eval()
    det = head(x)
    head.train()
    many = head.stochastic_logits(x, 10)
    assert many.shape == (10, 4, 5)
    assert not torch.allclose(many[0], many[1])
    head.dropout.p = 0.0
    torch.testing.assert_close(head.stochastic_logits(x, 3),
                               det.expand(3, 4, 5))


def _block(linear, norm, x):
    """LN(GELU(Linear(x))) from the modules' weights."""
    y = F.gelu(x @ linear.weight.T + linear.bias)
    return F.layer_norm(y, y.shape[-1:], norm.weight, norm.bias, norm.eps)


@pytest.mark.parametrize('shared', [True, False])
def test_head_is_the_authors_fusion(shared):
    torch.manual_seed(1)
    head = MultiGranularFusionHead(
        5, 8, num_elements=3, hidden_dims=6, shared_projections=shared)
    for p in head.parameters():  # LN weights away from their init too
        torch.nn.init.normal_(p)
    head.eval()
    x = torch.randn(4, 3, 8)
    pairs = [(0, 1), (0, 2), (1, 2)]
    pair = [head.pair_proj[k if not shared else 0] for k in range(3)]
    single = [head.single_proj[k if not shared else 0] for k in range(3)]
    parts = [
        _block(p[0], p[2], torch.cat([x[:, i], x[:, j]], -1))
        for p, (i, j) in zip(pair, pairs)
    ] + [_block(s[0], s[2], x[:, i]) for i, s in enumerate(single)]
    fused = _block(head.fuse[0], head.fuse[2], torch.cat(parts, -1))
    expected = fused @ head.fc_cls.weight.T + head.fc_cls.bias
    torch.testing.assert_close(head(x), expected)
    assert len(head.pair_proj) == (1 if shared else 3)
    assert len(head.single_proj) == (1 if shared else 3)
