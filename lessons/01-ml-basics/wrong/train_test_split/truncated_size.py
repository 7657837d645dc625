# expect: int() truncates
# The test size cut with int(), as many quick scripts do: 103 * 0.2 = 20.6 gives 20, not 21.
import numpy as np


def shuffled_split(n, test_fraction, rng):
    order = rng.permutation(n)
    k = int(n * test_fraction)
    return order[k:], order[:k]


def stratified_split(y, test_fraction, rng):
    y = np.asarray(y)
    train, test = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        k = int(len(idx) * test_fraction)
        test.append(idx[:k])
        train.append(idx[k:])
    return np.concatenate(train), np.concatenate(test)
