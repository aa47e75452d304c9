import torch

from mmfine.models.cofinal import compose_score, decode_score, decompose_score


def test_decompose_then_compose_round_trip():
    g, gp = 4, 10
    scores = torch.rand(1000)
    grade, sub = decompose_score(scores, g, gp)
    assert grade.min() >= 0 and grade.max() < g
    assert sub.min() >= 0 and sub.max() < gp
    composed = compose_score(grade, sub, g, gp)
    width = 1 / (g * gp)
    assert (composed - scores).abs().max() <= width / 2 + 1e-6
    # indices survive a second pass
    again = decompose_score(composed, g, gp)
    assert torch.equal(again[0], grade) and torch.equal(again[1], sub)


def test_decomposition_follows_the_grade_widths():
    # S_C = 0.25, S_F = 0.025: 0.26 is grade 1, sub-grade 0; 0.999 the top
    grade, sub = decompose_score(torch.tensor([0.0, 0.26, 0.6, 1.0]), 4, 10)
    assert grade.tolist() == [0, 1, 2, 3]
    assert sub.tolist() == [0, 0, 4, 9]


def test_hard_and_soft_decoding():
    coarse = torch.tensor([[0.0, 9.0, 0.0, 0.0]])
    fine = torch.tensor([[0.0] * 3 + [9.0] + [0.0] * 6])
    hard = decode_score(coarse, fine, 'hard')
    assert hard.item() == compose_score(
        torch.tensor(1), torch.tensor(3), 4, 10).item()
    uniform = decode_score(torch.zeros(1, 4), torch.zeros(1, 10), 'soft')
    assert uniform.item() == compose_score(
        torch.tensor(1.5), torch.tensor(4.5), 4, 10).item()
    coarse.requires_grad_(True)
    decode_score(coarse, fine, 'soft').sum().backward()
    assert coarse.grad.abs().sum() > 0
