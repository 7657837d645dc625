# expect: nothing was shuffled
# Take the last 20% as the test set, as in many quick scripts.
import numpy as np


def shuffled_split(n, test_fraction, rng):
    k = int(round(n * test_fraction))
    idx = np.arange(n)
    return idx[: n - k], idx[n - k:]


def stratified_split(y, test_fraction, rng):
    train, test = [], []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        k = int(round(len(idx) * test_fraction))
        test.append(idx[:k])
        train.append(idx[k:])
    return np.concatenate(train), np.concatenate(test)
