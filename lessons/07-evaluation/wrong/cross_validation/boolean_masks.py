# expect: integer arrays
import numpy as np


def stratified_kfold(y, k, seed=0):
    fold_of = np.empty(len(y), dtype=int)
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        fold_of[idx] = np.arange(len(idx)) % k
    return [(fold_of != f, fold_of == f) for f in range(k)]


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    raise NotImplementedError
