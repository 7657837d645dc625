# expect: column MEDIANS
# mistake: uses the median of the observed entries instead of the mean
import numpy as np


def fit_imputer(X_train):
    out = np.zeros(X_train.shape[1])
    for j in range(X_train.shape[1]):
        col = X_train[:, j]
        col = col[~np.isnan(col)]
        if col.size:
            out[j] = np.median(col)
    return out


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
