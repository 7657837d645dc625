# variant: stable argsort by (class, random key) then fold = rank-within-class mod k, via cumulative counts
import numpy as np


def stratified_kfold(y, k, seed=0):
    y = np.asarray(y)
    n = len(y)
    rng = np.random.default_rng(seed)
    key = rng.random(n)
    order = np.lexsort((key, y))
    ys = y[order]
    start = np.r_[0, np.flatnonzero(np.diff(ys)) + 1]
    first = np.repeat(start, np.diff(np.r_[start, n]))
    rank = np.arange(n) - first
    fold_of = np.empty(n, dtype=int)
    fold_of[order] = rank % k
    return [(np.flatnonzero(fold_of != f), np.flatnonzero(fold_of == f)) for f in range(k)]


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    out = []
    for tr, va in stratified_kfold(y, k, seed=seed):
        s = make_scaler()
        s.fit(X[tr])
        m = make_model()
        m.fit(s.transform(X[tr]), y[tr])
        out.append(m.score(s.transform(X[va]), y[va]))
    return np.asarray(out, dtype=float)
