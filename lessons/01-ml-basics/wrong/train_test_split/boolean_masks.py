# expect: expected integer index arrays
import numpy as np


def shuffled_split(n, test_fraction, rng):
    mask = rng.random(n) < test_fraction
    return ~mask, mask


def stratified_split(y, test_fraction, rng):
    train, test = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        k = int(round(len(idx) * test_fraction))
        test.append(idx[:k])
        train.append(idx[k:])
    return np.concatenate(train), np.concatenate(test)
