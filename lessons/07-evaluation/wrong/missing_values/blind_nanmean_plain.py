# expect: convention is 0.0
# mistake: uses np.nanmean directly, so an all-NaN training column gets NaN fill (not 0.0) and stays NaN
import numpy as np


def fit_imputer(X_train):
    return np.nanmean(X_train, axis=0)


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
