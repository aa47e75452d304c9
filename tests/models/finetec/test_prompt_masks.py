import numpy as np
import pytest

from mmfine.models.finetec import prompt_mask
from mmfine.structures import block_drop_mask, random_drop_mask


def test_block_and_pattern_prompt_masks():
    np.testing.assert_array_equal(block_drop_mask(8, 0.5, 'prefix'),
                                  [0] * 4 + [1] * 4)
    np.testing.assert_array_equal(block_drop_mask(8, 0.5, 'suffix'),
                                  [1] * 4 + [0] * 4)
    np.testing.assert_array_equal(block_drop_mask(8, 0.5, 'middle'),
                                  [1, 1, 0, 0, 0, 0, 1, 1])
    query = random_drop_mask(8, 0.5, np.random.default_rng(1))
    rng = np.random.default_rng(0)
    np.testing.assert_array_equal(
        prompt_mask('pattern', 8, 0.5, rng, query), query)
    with pytest.raises(ValueError, match='unknown masking strategy'):
        prompt_mask('sideways', 8, 0.5, rng)
