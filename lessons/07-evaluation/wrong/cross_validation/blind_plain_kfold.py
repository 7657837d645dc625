# expect: not stratified
# mistake: plain (unstratified) contiguous k-fold; class counts per fold are not balanced
import numpy as np


def stratified_kfold(y, k, seed=0):
    n = len(y)
    idx = np.arange(n)
    out = []
    for part in np.array_split(idx, k):
        out.append((np.setdiff1d(idx, part), part))
    return out


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    scores = []
    for tr, va in stratified_kfold(y, k, seed):
        sc = make_scaler().fit(X[tr])
        m = make_model()
        m.fit(sc.transform(X[tr]), y[tr])
        scores.append(m.score(sc.transform(X[va]), y[va]))
    return np.array(scores, dtype=float)

