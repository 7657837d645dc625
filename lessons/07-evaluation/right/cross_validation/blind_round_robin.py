# variant: per class, deal shuffled indices round-robin with a rotating start offset; boolean masks for train
import numpy as np


def stratified_kfold(y, k, seed=0):
    y = np.asarray(y)
    n = len(y)
    rng = np.random.default_rng(seed)
    fold_of = np.empty(n, dtype=np.int64)
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold_of[i] = j % k
    out = []
    for f in range(k):
        mask = fold_of == f
        out.append((np.flatnonzero(~mask), np.flatnonzero(mask)))
    return out


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    X = np.asarray(X); y = np.asarray(y)
    res = np.zeros(k, dtype=float)
    for f, (tr, va) in enumerate(stratified_kfold(y, k, seed)):
        scaler = make_scaler()
        Xtr = scaler.fit_transform(X[tr])
        Xva = scaler.transform(X[va])
        model = make_model()
        model.fit(Xtr, y[tr])
        res[f] = float(model.score(Xva, y[va]))
    return res
