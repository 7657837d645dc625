"""Reference solution: shuffled and stratified train/test splits, as index arrays."""

import numpy as np


def shuffled_split(n: int, test_fraction: float, rng: np.random.Generator):
    """(train_idx, test_idx): a random permutation of range(n) cut in two.

    The test part has int(round(n * test_fraction)) indices.
    """
    order = rng.permutation(n)
    n_test = int(round(n * test_fraction))
    return order[n_test:], order[:n_test]


def stratified_split(y: np.ndarray, test_fraction: float, rng: np.random.Generator):
    """(train_idx, test_idx) with each class split in the same proportion.

    Each class c contributes int(round(count_c * test_fraction)) random indices to the test part.
    """
    train, test = [], []
    for label in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == label))
        n_test = int(round(len(idx) * test_fraction))
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    train_idx = rng.permutation(np.concatenate(train))
    test_idx = rng.permutation(np.concatenate(test))
    return train_idx, test_idx
