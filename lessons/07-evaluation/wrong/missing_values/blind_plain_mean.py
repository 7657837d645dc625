# expect: np.mean of a column holding NaN
# mistake: np.mean instead of a NaN-aware mean: any column with a hole gets NaN as its fill
import numpy as np


def fit_imputer(X_train):
    return np.mean(X_train, axis=0)


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
