# expect: fitted on the validation rows themselves
# mistake: validation rows standardised with their own statistics (fit_transform on X[val])
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
        sc = make_scaler()
        Xtr = sc.fit_transform(X[tr])
        Xva = sc.fit_transform(X[va])
        m = make_model()
        m.fit(Xtr, y[tr])
        scores.append(m.score(Xva, y[va]))
    return np.array(scores, dtype=float)
