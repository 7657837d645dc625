# expect: test counts per class
# The plain split rounds, but each class's share is cut with int(): 19 * 0.25 = 4.75 gives 4, not 5.
import numpy as np


def shuffled_split(n, test_fraction, rng):
    order = rng.permutation(n)
    k = int(round(n * test_fraction))
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
