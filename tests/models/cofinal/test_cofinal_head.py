import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmengine.registry import init_default_scope

from mmaction.registry import MODELS
from mmfine.models.cofinal import (CoFInAlHead, GDLTHead, PooledRegressionHead,
                                   TemporalFusionModule, decompose_score)


def small_head(**kwargs):
    return CoFInAlHead(
        in_channels=12,
        procedure_channels=8,
        grade_channels=16,
        num_procedures=3,
        num_grades=4,
        num_subgrades=5,
        dropout=0.0,
        **kwargs)


def test_padded_clips_do_not_change_the_output():
    torch.manual_seed(0)
    for head in (small_head(),
                 GDLTHead(in_channels=12, channels=8,
                          dropout=0.0), PooledRegressionHead(in_channels=12)):
        head.eval()
        clips = torch.randn(1, 5, 12)
        mask = torch.ones(1, 5, dtype=torch.bool)
        padded = torch.cat([clips, 100 * torch.randn(1, 3, 12)], 1)
        padded_mask = torch.cat([mask, torch.zeros(1, 3, dtype=torch.bool)], 1)
        assert torch.allclose(
            head.predict(clips, mask),
            head.predict(padded, padded_mask),
            atol=1e-5), type(head).__name__


def test_temporal_fusion_pools_queries_over_valid_clips():
    """Eq. 7 alone (``feedforward_channels=0``) against a per-clip query
    computation, pooled afterwards."""
    torch.manual_seed(0)
    tfm = TemporalFusionModule(6, 4, 2, 0.0, feedforward_channels=0)
    clips = torch.randn(1, 3, 6)
    out = tfm(clips, torch.ones(1, 3, dtype=torch.bool))
    # a padded fourth clip enters neither the pooled queries nor the keys
    padded = torch.cat([clips, 50 * torch.randn(1, 1, 6)], 1)
    assert torch.allclose(
        tfm(padded, torch.tensor([[True, True, True, False]])), out,
        atol=1e-6)
    queries = tfm.query(clips[0]).view(3, 2, 4).mean(0)
    attention = (queries @ tfm.key(clips[0]).t() / 2).softmax(-1)
    assert torch.allclose(out[0], attention @ tfm.value(clips[0]), atol=1e-6)
    assert not any('feedforward' in n for n, _ in tfm.named_parameters())


def test_temporal_fusion_feedforward_block_is_post_norm():
    """With the block, every procedure feature leaves a LayerNorm (zero
    mean, unit variance at initialisation) and differs from Eq. 7's."""
    torch.manual_seed(0)
    tfm = TemporalFusionModule(6, 8, 3, 0.0)
    clips, mask = torch.randn(2, 5, 6), torch.ones(2, 5, dtype=torch.bool)
    out = tfm(clips, mask)
    assert out.shape == (2, 3, 8)
    assert torch.allclose(out.mean(-1), torch.zeros(2, 3), atol=1e-5)
    assert torch.allclose(
        out.var(-1, unbiased=False), torch.ones(2, 3), atol=1e-3)
    assert tfm.feedforward[0].out_features == 16  # 2 x D_P by default
    eq7 = F.layer_norm(tfm.attend(clips, mask), (8, ))
    assert not torch.allclose(out, eq7, atol=1e-2)


def test_clip_encoder_lets_clips_see_each_other():
    """Without the encoder a clip enters Eq. 7's keys and values on its
    own; with it, changing one clip changes every clip's encoding (and
    padded clips still change nothing, in training mode too)."""
    torch.manual_seed(0)
    tfm = TemporalFusionModule(6, 8, 2, 0.0, clip_encoder_layers=1)
    assert len(tfm.clip_encoder.layers) == 1
    assert tfm.key.in_features == 4  # Eq. 7 reads the encoded clips (D_P / 2)
    clips, mask = torch.randn(1, 4, 6), torch.ones(1, 4, dtype=torch.bool)
    changed = clips.clone()
    changed[0, 3] += 1.0
    encoded = tfm.clip_encoder(tfm.clip_proj(clips))
    encoded_changed = tfm.clip_encoder(tfm.clip_proj(changed))
    assert not torch.allclose(encoded[0, 0], encoded_changed[0, 0])
    plain = TemporalFusionModule(6, 8, 2, 0.0)
    assert plain.clip_encoder is None and plain.key.in_features == 6
    head = small_head()
    assert head.temporal_fusion.clip_encoder is not None  # on by default
    head.train()  # dropout is 0: ClipFeatureNorm uses batch statistics
    padded = torch.cat([clips.repeat(1, 1, 2), 50 * torch.randn(1, 3, 12)],
                       1)
    padded_mask = torch.cat([mask, torch.zeros(1, 3, dtype=torch.bool)], 1)
    out, out_padded = head(clips.repeat(1, 1, 2), mask), head(
        padded, padded_mask)
    for key in out:
        assert torch.allclose(out[key], out_padded[key], atol=1e-5)
    head.eval()  # and PyTorch's inference fast path, as in testing
    with torch.no_grad():
        assert torch.allclose(
            head.predict(clips.repeat(1, 1, 2), mask),
            head.predict(padded, padded_mask),
            atol=1e-5)


def test_losses_the_etf_and_gradients():
    torch.manual_seed(0)
    head = small_head()
    frame = head.fine_scoring.etf.clone()
    clips, mask = torch.randn(6, 7, 12), torch.ones(6, 7, dtype=torch.bool)
    target = torch.rand(6)
    losses = head.loss(clips, mask, target)
    assert set(losses) == {
        'loss_score', 'loss_coarse', 'loss_fine', 'loss_graph'
    }
    sum(losses.values()).backward()
    assert head.grade_parsing.prototypes.grad.abs().sum() > 0
    assert head.temporal_fusion.query.weight.grad.abs().sum() > 0
    for name, param in head.temporal_fusion.clip_encoder.named_parameters():
        assert param.grad.abs().sum() > 0, name
    optim = torch.optim.SGD(head.parameters(), lr=0.5)
    optim.step()
    assert torch.equal(head.fine_scoring.etf, frame)
    assert 'fine_scoring.etf' not in dict(head.named_parameters())


def test_head_fits_a_learnable_score():
    """Scores that are a function of the clips are learnt: the coarse
    grade is classified above chance and SRCC is high on the training
    set."""
    torch.manual_seed(0)
    head = small_head(decoding='soft')
    clips = torch.randn(64, 6, 12)
    mask = torch.ones(64, 6, dtype=torch.bool)
    target = torch.sigmoid(2 * clips[:, :, 0].mean(1) * 3)
    optim = torch.optim.Adam(head.parameters(), lr=3e-3)
    for _ in range(300):
        loss = sum(head.loss(clips, mask, target).values())
        optim.zero_grad()
        loss.backward()
        optim.step()
    head.eval()
    from mmfine.evaluation.functional import srcc
    assert srcc(head.predict(clips, mask).detach(), target) > 0.9
    grade = decompose_score(target, 4, 5)[0]
    accuracy = (head(clips, mask)['coarse_logits'].argmax(-1) == grade)
    assert accuracy.float().mean() > 0.6


def test_bad_arguments():
    with pytest.raises(ValueError, match='decoding'):
        small_head(decoding='median')
    with pytest.raises(KeyError, match='unknown loss weights'):
        small_head(loss_weights=dict(rank=1.0))
    with pytest.raises(ValueError, match='dimension >= 5'):
        CoFInAlHead(in_channels=4, grade_channels=4, num_subgrades=5)


def _triplet_by_hand(embedded, margin):
    """Xu et al.'s hardest triplet, anchor by anchor in numpy."""
    n, q, _ = embedded.shape
    flat = embedded.reshape(n * q, -1)
    unit = flat / np.linalg.norm(flat, axis=1, keepdims=True)
    losses = []
    for a in range(n * q):
        d = 1 - unit @ unit[a]
        pos = [d[b] for b in range(n * q) if b != a and b % q == a % q]
        neg = [d[b] for b in range(n * q) if b % q != a % q]
        losses.append(max(0.0, max(pos, default=0.0) - min(neg) + margin))
    return np.mean(losses)


def test_gdlt_query_triplet_loss():
    from mmfine.models.cofinal.gdlt_head import query_triplet_loss
    rng = np.random.default_rng(0)
    embedded = rng.normal(size=(3, 4, 6))
    for margin in (0.2, 1.0):
        assert query_triplet_loss(torch.tensor(embedded),
                                  margin).item() == pytest.approx(
                                      _triplet_by_hand(embedded, margin))
    # each query the same in every sample, the queries orthogonal: 0;
    # the same embeddings with the queries shuffled per sample: not
    apart = np.tile(np.eye(4, 6), (3, 1, 1))
    assert query_triplet_loss(torch.tensor(apart), 1.0).item() == 0
    mixed = np.stack([apart[0][rng.permutation(4)] for _ in range(3)])
    assert query_triplet_loss(torch.tensor(mixed), 1.0).item() > 0.5
    # one sample: no positive (0), the nearest other query at distance 1
    assert query_triplet_loss(torch.tensor(apart[:1]),
                              1.5).item() == pytest.approx(0.5)
    one = rng.normal(size=(1, 4, 6))
    assert query_triplet_loss(torch.tensor(one), 1.0).item() == \
        pytest.approx(_triplet_by_hand(one, 1.0))


def test_gdlt_head_trains_its_queries_apart():
    torch.manual_seed(0)
    head = GDLTHead(in_channels=12, channels=8, dropout=0.0)
    clips, mask = torch.randn(4, 5, 12), torch.ones(4, 5, dtype=torch.bool)
    losses = head.loss(clips, mask, torch.rand(4))
    assert set(losses) == {'loss_score', 'loss_triplet'}
    losses['loss_triplet'].backward()
    assert head.queries.weight.grad.abs().sum() > 0
    plain = GDLTHead(in_channels=12, channels=8, triplet_weight=0)
    assert set(plain.loss(clips, mask, torch.rand(4))) == {'loss_score'}


def test_registered_for_configs():
    init_default_scope('mmaction')
    for name in ('CoFInAlHead', 'GDLTHead', 'PooledRegressionHead',
                 'FeatureAssessor', 'ClipFeaturePreprocessor',
                 'KinematicPoseEncoder', 'ETFHead', 'DotRegressionLoss'):
        assert MODELS.get(name) is not None, name


def test_grade_parsing_against_numpy():
    """Eq. 9-11 by hand: prototypes query the procedures (Eq. 9), the
    mask is a softmax over the grades of each grade's mean feature
    (Eq. 10), and H_F = M (H_C - Q_G) (Eq. 11)."""
    from mmfine.models.cofinal.grade_parsing import GradeParsingModule
    torch.manual_seed(0)
    gpm = GradeParsingModule(6, 4, 3)
    procedures = torch.randn(2, 5, 6)
    coarse, fine = gpm(procedures)

    def linear(layer, x):
        return x @ layer.weight.detach().numpy().T + \
            layer.bias.detach().numpy()

    g = gpm.prototypes.detach().numpy()
    for n in range(2):
        p = procedures[n].numpy()
        q, k, v = linear(gpm.query, g), linear(gpm.key, p), linear(
            gpm.value, p)
        logits = q @ k.T / 2.0  # sqrt(D_S = 4)
        attention = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
        h_c = attention @ v
        means = h_c.mean(1)
        m = np.exp(means) / np.exp(means).sum()
        np.testing.assert_allclose(coarse[n].detach(), h_c, atol=1e-5)
        np.testing.assert_allclose(
            fine[n].detach(), m[:, None] * (h_c - q), atol=1e-5)


def test_loss_values_against_an_independent_computation():
    """Each term of Eq. 2 recomputed from the head's outputs: L_S the MSE
    / 2 of the soft-decoded score, L_C the cross-entropy of the true grade,
    L_F half the mean squared gap of the true sub-grade's cosine to 1."""
    torch.manual_seed(0)
    head = small_head(fine_temperature=0.5)
    head.eval()  # no dropout, fixed BatchNorm: the forward is repeatable
    clips, mask = torch.randn(4, 6, 12), torch.ones(4, 6, dtype=torch.bool)
    target = torch.tensor([0.02, 0.31, 0.55, 0.97])
    with torch.no_grad():
        losses = head.loss(clips, mask, target)
        out = head(clips, mask)
    coarse = out['coarse_logits'].double().numpy()
    cosines = out['fine_cosines'].double().numpy()
    grade = np.array([0, 1, 2, 3])  # G = 4: grades of width 0.25
    subgrade = np.array([0, 1, 1, 4])  # G' = 5: sub-grades of width 0.05
    p_c = np.exp(coarse) / np.exp(coarse).sum(1, keepdims=True)
    p_f = np.exp(cosines / 0.5) / np.exp(cosines / 0.5).sum(1, keepdims=True)
    score = (p_c @ np.arange(4) * 5 + p_f @ np.arange(5) + 0.5) / 20
    assert float(losses['loss_score']) == pytest.approx(
        0.5 * np.mean((score - target.numpy())**2), rel=1e-4)
    assert float(losses['loss_coarse']) == pytest.approx(
        np.mean(-np.log(p_c[np.arange(4), grade])), rel=1e-4)
    assert float(losses['loss_fine']) == pytest.approx(
        np.mean((cosines[np.arange(4), subgrade] - 1)**2) / 2, rel=1e-4)
