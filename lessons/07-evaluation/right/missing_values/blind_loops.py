# variant: pure Python loops over columns and entries, math.isnan, building a fresh array
import math

import numpy as np


def fit_imputer(X_train):
    X_train = np.asarray(X_train, dtype=float)
    n, d = X_train.shape
    out = np.zeros(d)
    for j in range(d):
        s, c = 0.0, 0
        for i in range(n):
            v = X_train[i, j]
            if not math.isnan(v):
                s += v
                c += 1
        out[j] = s / c if c else 0.0
    return out


def transform_imputer(fill, X):
    X = np.asarray(X, dtype=float)
    out = np.empty_like(X)
    n, d = X.shape
    for i in range(n):
        for j in range(d):
            v = X[i, j]
            out[i, j] = fill[j] if math.isnan(v) else v
    return out


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
