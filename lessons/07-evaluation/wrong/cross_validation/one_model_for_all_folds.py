# expect: one new model per fold
import numpy as np


def stratified_kfold(y, k, seed=0):
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(y), dtype=int)
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        fold_of[idx] = np.arange(len(idx)) % k
    return [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(k)]


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    model = make_model()
    scores = []
    for train, val in stratified_kfold(y, k, seed):
        scaler = make_scaler().fit(X[train])
        model.fit(scaler.transform(X[train]), y[train])
        scores.append(model.score(scaler.transform(X[val]), y[val]))
    return np.array(scores)
