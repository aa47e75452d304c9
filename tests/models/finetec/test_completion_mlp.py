import pytest
import torch

from mmfine.models.finetec import (CompletionMLP, MixingBlock,
                                   frame_position_encoding)


def test_position_encoding_repeats_every_window():
    enc = frame_position_encoding(64, 8, 16)
    assert enc.shape == (64, 8)
    for segment in range(1, 4):
        torch.testing.assert_close(enc[16 * segment:16 * (segment + 1)],
                                   enc[:16])
    assert not torch.allclose(enc[1], enc[0])
    torch.testing.assert_close(enc[:, 0::2]**2 + enc[:, 1::2]**2,
                               torch.ones(64, 4))  # sin^2 + cos^2
    with pytest.raises(ValueError, match='must be even'):
        frame_position_encoding(16, 7, 16)


def test_blocks_start_as_the_identity_and_the_network_near_zero():
    torch.manual_seed(0)
    x = torch.randn(3, 64, 34)
    torch.testing.assert_close(MixingBlock(64, 34)(x), x, atol=1e-4,
                               rtol=0)
    net = CompletionMLP(64, 43, 34, 34, num_blocks=2)
    out = net(torch.randn(3, 64, 43))
    assert out.shape == (3, 64, 34)
    assert out.abs().max() < 0.05  # residual on the prior: starts near 0
    assert len(net.blocks) == 2
    assert isinstance(net.embed[1], torch.nn.ReLU)  # FC + ReLU in


def test_temporal_mixing_is_the_fc_over_frames():
    """The batched product equals ``W x + b`` on the frame axis."""
    torch.manual_seed(0)
    block = MixingBlock(8, 5)
    torch.nn.init.normal_(block.temporal.weight)
    torch.nn.init.normal_(block.temporal.bias)
    x = torch.randn(2, 8, 5)
    mixed = torch.einsum('ts,nsd->ntd', block.temporal.weight, x) + \
        block.temporal.bias[None, :, None]
    expected = x + block.temporal_norm(mixed)
    expected = expected + block.spatial_norm(block.spatial(expected))
    torch.testing.assert_close(block(x), expected)
