# expect: dropping it
import numpy as np


def fit_imputer(X_train):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        means = np.nanmean(X_train, axis=0)
    return means[~np.isnan(means)]


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
