# expect: math.ceil rounds up
# "Never leave a sample out of the test set": the size rounded up. 101 * 0.2 = 20.2 gives 21, not 20.
import math

import numpy as np


def shuffled_split(n, test_fraction, rng):
    order = rng.permutation(n)
    k = math.ceil(n * test_fraction)
    return order[k:], order[:k]


def stratified_split(y, test_fraction, rng):
    y = np.asarray(y)
    train, test = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        k = math.ceil(len(idx) * test_fraction)
        test.append(idx[:k])
        train.append(idx[k:])
    return np.concatenate(train), np.concatenate(test)
