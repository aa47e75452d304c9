import pytest
import torch

from mmfine.models.utils import SimplexETF, simplex_etf


@pytest.mark.parametrize('k,dim', [(2, 2), (5, 16), (10, 256)])
def test_etf_columns_equal_norm_and_equiangular(k, dim):
    etf = simplex_etf(k, dim, seed=3).double()
    gram = etf.t() @ etf
    expected = torch.full((k, k), -1 / (k - 1), dtype=torch.float64)
    expected.fill_diagonal_(1.0)
    assert torch.allclose(gram, expected, atol=1e-6)  # Eq. 13


def test_etf_is_seeded_and_leaves_global_rng_alone():
    torch.manual_seed(0)
    before = torch.rand(3)
    torch.manual_seed(0)
    a = simplex_etf(4, 8, seed=1)
    after = torch.rand(3)
    assert torch.equal(before, after)
    assert torch.equal(a, simplex_etf(4, 8, seed=1))
    assert not torch.allclose(a, simplex_etf(4, 8, seed=2))


def test_etf_bad_sizes():
    with pytest.raises(ValueError, match='at least 2'):
        simplex_etf(1, 4)
    with pytest.raises(ValueError, match='dimension >= 6'):
        simplex_etf(6, 5)


def test_etf_classifier_is_not_trained():
    layer = SimplexETF(4, 8)
    projection = torch.nn.Linear(8, 8)
    assert list(layer.parameters()) == []
    frame = layer.etf.clone()
    optim = torch.optim.SGD(
        list(projection.parameters()) + list(layer.parameters()), lr=1.0)
    for _ in range(3):
        loss = -layer(projection(torch.randn(5, 8)))[:, 0].sum()
        optim.zero_grad()
        loss.backward()
        optim.step()
    assert torch.equal(layer.etf, frame)
    assert 'etf' in layer.state_dict()


def test_etf_logits_are_cosines():
    layer = SimplexETF(3, 6)
    x = torch.randn(4, 6)
    expected = torch.nn.functional.cosine_similarity(
        x[:, None, :], layer.etf.t()[None], dim=-1)
    assert torch.allclose(layer(x), expected, atol=1e-6)
