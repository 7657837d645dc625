# expect: does not shuffle within each class
import numpy as np


def shuffled_split(n, test_fraction, rng):
    order = rng.permutation(n)
    k = int(round(n * test_fraction))
    return order[k:], order[:k]


def stratified_split(y, test_fraction, rng):
    train, test = [], []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        k = int(round(len(idx) * test_fraction))
        test.append(idx[:k])
        train.append(idx[k:])
    return np.concatenate(train), np.concatenate(test)
