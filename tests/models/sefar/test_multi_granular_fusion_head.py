
import torch

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
