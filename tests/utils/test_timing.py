import time

from mmfine.utils import interleaved_medians


def test_each_function_is_warmed_up_then_timed_in_turn():
    calls = []
    fns = {name: (lambda n=name: calls.append(n)) for name in ('a', 'b')}
    medians = interleaved_medians(fns, 3)
    assert set(medians) == {'a', 'b'}
    assert calls == ['a', 'b'] * 4  # one warm-up round, three timed rounds


def test_median_reflects_the_duration():
    medians = interleaved_medians(
        dict(fast=lambda: None, slow=lambda: time.sleep(0.02)), 3)
    assert medians['slow'] >= 0.02 > medians['fast']
