import numpy as np


def stratified_kfold(y, k, seed=0):
    rng = np.random.default_rng(seed)
    val_parts = [[] for _ in range(k)]
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        rng.shuffle(members)
        # rotate which fold gets the larger chunks, class by class
        chunks = np.array_split(members, k)
        for i, chunk in enumerate(chunks):
            val_parts[(i + int(label)) % k].append(chunk)
    folds = []
    for parts in val_parts:
        val = np.concatenate(parts).astype(int)
        train = np.setdiff1d(np.arange(len(y)), val)
        folds.append((train, val))
    return folds


def cross_validate(X, y, k, make_scaler, make_model, seed=0):
    results = []
    for train_idx, val_idx in stratified_kfold(y, k, seed):
        scaler = make_scaler()
        X_train = scaler.fit_transform(X[train_idx])
        X_val = scaler.transform(X[val_idx])
        model = make_model()
        model.fit(X_train, y[train_idx])
        results.append(float(np.mean(model.predict(X_val) == y[val_idx])))
    return np.asarray(results)
