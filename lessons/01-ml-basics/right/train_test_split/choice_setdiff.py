import numpy as np


def shuffled_split(n, test_fraction, rng):
    n_test = int(round(n * test_fraction))
    test = rng.choice(n, size=n_test, replace=False)
    train = np.setdiff1d(np.arange(n), test)
    return train, test


def stratified_split(y, test_fraction, rng):
    y = np.asarray(y)
    train, test = [], []
    for c in np.unique(y):
        idx = np.where(y == c)[0]
        k = int(round(len(idx) * test_fraction))
        chosen = rng.choice(idx, size=k, replace=False)
        test.extend(chosen.tolist())
        train.extend(np.setdiff1d(idx, chosen).tolist())
    return np.array(train, dtype=int), np.array(test, dtype=int)
