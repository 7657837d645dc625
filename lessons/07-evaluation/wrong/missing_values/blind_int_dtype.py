# expect: rounded down to whole numbers
# mistake: integer division of the sums by the counts: fill values truncated to whole numbers
import numpy as np


def fit_imputer(X_train):
    observed = ~np.isnan(X_train)
    counts = observed.sum(0)
    sums = np.where(observed, X_train, 0).sum(0)
    out = np.zeros(X_train.shape[1])
    for j in range(X_train.shape[1]):
        if counts[j] > 0:
            out[j] = sums[j] // counts[j]
    return out


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
