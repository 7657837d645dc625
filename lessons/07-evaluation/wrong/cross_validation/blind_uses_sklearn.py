# expect: scikit-learn
# mistake: uses scikit-learn StratifiedKFold (task says NumPy only, no scikit-learn)
import numpy as np


def stratified_kfold(y, k, seed=0):
    from sklearn.model_selection import StratifiedKFold
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [(tr, va) for tr, va in skf.split(np.zeros(len(y)), y)]


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    scores = []
    for tr, va in stratified_kfold(y, k, seed):
        sc = make_scaler().fit(X[tr])
        m = make_model()
        m.fit(sc.transform(X[tr]), y[tr])
        scores.append(m.score(sc.transform(X[va]), y[va]))
    return np.array(scores, dtype=float)

