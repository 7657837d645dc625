import numpy as np


def stratified_kfold(y, k, seed=0):
    fold_of = np.zeros(len(y), dtype=int)
    for c in np.unique(y):
        where = np.flatnonzero(y == c)
        fold_of[where] = np.arange(len(where)) % k  # no shuffling: every class still spreads evenly
    return [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(k)]


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    out = np.zeros(k)
    for f, (tr, va) in enumerate(stratified_kfold(y, k, seed)):
        s = make_scaler().fit(X[tr])
        Z = s.transform(X)  # one transform of all rows, with the scaler fitted on the training rows only
        m = make_model()
        m.fit(Z[tr], y[tr])
        out[f] = m.score(Z[va], y[va])
    return out
