# expect: disjoint from the training fold
# mistake: records the training score (model.score on the scaled training rows) instead of validation
import numpy as np


def stratified_kfold(y, k, seed=0):
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    folds = [[] for _ in range(k)]
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        for f, part in enumerate(np.array_split(idx, k)):
            folds[f].extend(part.tolist())
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
        Xtr = sc.transform(X[tr])
        m.fit(Xtr, y[tr])
        scores.append(m.score(Xtr, y[tr]))
    return np.array(scores, dtype=float)
