# expect: not stratified
# mistake: per class, folds of size n_c // k and the whole remainder dumped into the last fold (counts differ by more than one)
import numpy as np


def stratified_kfold(y, k, seed=0):
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    folds = [[] for _ in range(k)]
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        size = len(idx) // k
        for f in range(k):
            stop = (f + 1) * size if f < k - 1 else len(idx)
            folds[f].extend(idx[f * size:stop].tolist())
    out = []
    for f in range(k):
        va = np.array(sorted(folds[f]), dtype=np.int64)
        tr = np.setdiff1d(np.arange(len(y)), va)
        out.append((tr, va))
    return out


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    scores = []
    for tr, va in stratified_kfold(y, k, seed):
        sc = make_scaler().fit(X[tr])
        m = make_model()
        m.fit(sc.transform(X[tr]), y[tr])
        scores.append(m.score(sc.transform(X[va]), y[va]))
    return np.array(scores, dtype=float)

