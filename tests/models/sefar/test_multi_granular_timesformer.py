import pytest
import torch

from mmfine.structures import element_segments
from mmfine.testing import tiny_timesformer


def test_backbone_elements_and_token_mix():
    net = tiny_timesformer().eval()
    x = torch.randn(2, 3, 8, 16, 16)
    feats = net(x)
    assert feats.shape == (2, 3, 32)
    keep_all = [torch.ones(4, dtype=torch.bool)] * 3
    swap_all = [torch.zeros(4, dtype=torch.bool)] * 3
    index = torch.tensor([1, 0])
    torch.testing.assert_close(net(x, token_mix=(keep_all, index)), feats)
    torch.testing.assert_close(
        net(x, token_mix=(swap_all, index)), feats[index])
    with pytest.raises(ValueError, match='elements'):
        net(torch.randn(2, 3, 6, 16, 16))


def test_elements_are_encoded_independently():
    net = tiny_timesformer().eval()
    x = torch.randn(1, 3, 8, 16, 16)
    y = x.clone()
    context = element_segments([2, 2, 4])[-1]  # frames 0, 2, 4, 6
    y[:, :, context] = torch.randn(1, 3, 4, 16, 16)  # the context only
    a, b = net(x), net(y)
    torch.testing.assert_close(a[:, :2], b[:, :2])
    assert not torch.allclose(a[:, 2], b[:, 2])


def test_random_weights_warn_once_unless_chosen(monkeypatch):
    import mmengine.logging

    import mmfine.models.sefar.multi_granular_timesformer as mgt
    from mmfine.models import MultiGranularTimeSformer
    from mmfine.testing import TINY_VIT
    logged = []
    monkeypatch.setattr(mmengine.logging, 'print_log',
                        lambda msg, **kw: logged.append((msg, kw)))
    mgt._WARNED.clear()
    for pretrained in (False, None, None):
        MultiGranularTimeSformer(
            arch=TINY_VIT, img_size=16, patch_size=8,
            pretrained=pretrained).init_weights()
    warnings = [m for m, kw in logged if 'RANDOM weights' in m]
    assert len(warnings) == 1 and 'model.backbone.pretrained' in warnings[0]
    assert [kw['level'] for m, kw in logged if m in warnings] == [30]


def test_token_mix_at_an_intermediate_ratio_swaps_the_masked_patches():
    """Half the tokens of each element from the partner: the same as
    swapping those 8x8 patches in the pixels of the element's frames (the
    patch embedding is per patch), each element its own positions, the
    same positions in every frame of the element (a tube)."""
    net = tiny_timesformer().eval()  # 16x16 frames, 8x8 patches: 4 tokens
    x = torch.randn(2, 3, 8, 16, 16)
    index = torch.tensor([1, 0])
    masks = [
        torch.tensor(m, dtype=torch.bool)
        for m in ([1, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0])
    ]
    mixed = x.clone()
    for frames, mask in zip(element_segments([2, 2, 4]), masks):
        for token, own in enumerate(mask.tolist()):
            if own:
                continue
            row, col = divmod(token, 2)
            rows, cols = slice(8 * row,
                               8 * row + 8), slice(8 * col, 8 * col + 8)
            for f in frames:
                mixed[:, :, f, rows, cols] = x[index][:, :, f, rows, cols]
    torch.testing.assert_close(net(x, token_mix=(masks, index)), net(mixed))
