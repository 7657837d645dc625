import warnings

import numpy as np


def fit_imputer(X_train):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an all-NaN column: handled below
        means = np.nanmean(X_train, axis=0)
    return np.where(np.isnan(means), 0.0, means)


def transform_imputer(fill, X):
    out = np.array(X, dtype=float, copy=True)
    holes = np.isnan(out)
    out[holes] = np.take(fill, np.nonzero(holes)[1])
    return out


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
