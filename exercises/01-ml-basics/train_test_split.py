"""Train/test splits done right: shuffled, and stratified by class.

Both functions return two integer index arrays (train_idx, test_idx) that
together contain every index exactly once. Draw all randomness from `rng`.

shuffled_split(n, test_fraction, rng)
    a random split of range(n); the test part has int(round(n * test_fraction)) indices.
stratified_split(y, test_fraction, rng)
    a random split in which every class c sends int(round(count_c * test_fraction))
    of its samples to the test part, so both parts keep the class proportions.

Datasets are often stored sorted by class. Taking the last 20% without
shuffling then tests on one class only.

Run `dltutor check train_test_split` to test your implementation.
"""

import numpy as np


def shuffled_split(n: int, test_fraction: float, rng: np.random.Generator):
    """(train_idx, test_idx): a random permutation of range(n) cut in two."""
    # TODO: rng.permutation(n), then slice.
    raise NotImplementedError


def stratified_split(y: np.ndarray, test_fraction: float, rng: np.random.Generator):
    """(train_idx, test_idx) with each class split in the same proportion."""
    # TODO: split the indices of each class separately, then concatenate.
    raise NotImplementedError
