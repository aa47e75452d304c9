

from mmfine.models import tube_token_masks


def test_tube_masks_keep_int_lambda_tokens():
    masks = tube_token_masks(3, 16, 0.55)
    assert [int(m.sum()) for m in masks] == [8, 8, 8]
