# expect: a genuine 0.0 in X was overwritten
# mistake: replaces NaN with 0 first, then fills every zero (including genuine 0.0 values) with the column mean
import numpy as np


def fit_imputer(X_train):
    observed = ~np.isnan(X_train)
    counts = observed.sum(0)
    sums = np.where(observed, X_train, 0).sum(0)
    return np.divide(sums, counts, out=np.zeros(X_train.shape[1]), where=counts > 0)


def transform_imputer(fill, X):
    Z = np.nan_to_num(X, nan=0.0)
    return np.where(Z == 0, fill[None, :], Z)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
