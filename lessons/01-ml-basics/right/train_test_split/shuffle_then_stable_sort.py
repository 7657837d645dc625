import numpy as np


def shuffled_split(n, test_fraction, rng):
    idx = np.arange(n)
    rng.shuffle(idx)
    n_train = n - round(n * test_fraction)
    return idx[:n_train], idx[n_train:]


def stratified_split(y, test_fraction, rng):
    y = np.asarray(y)
    order = rng.permutation(len(y))
    # stable sort by label keeps the random order inside each class
    order = order[np.argsort(y[order], kind="stable")]
    classes, counts = np.unique(y, return_counts=True)
    train, test = [], []
    start = 0
    for count in counts:
        block = order[start:start + count]
        k = round(count * test_fraction)
        test.append(block[:k])
        train.append(block[k:])
        start += count
    return np.concatenate(train), np.concatenate(test)
