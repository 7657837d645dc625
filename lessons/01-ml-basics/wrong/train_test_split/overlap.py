# expect: in both parts
# Two independent random draws, so some samples land in both sets.
import numpy as np


def shuffled_split(n, test_fraction, rng):
    k = int(round(n * test_fraction))
    test = rng.choice(n, size=k, replace=False)
    train = rng.choice(n, size=n - k, replace=False)
    return train, test


def stratified_split(y, test_fraction, rng):
    train, test = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        k = int(round(len(idx) * test_fraction))
        test.append(idx[:k])
        train.append(idx[k:])
    return np.concatenate(train), np.concatenate(test)
