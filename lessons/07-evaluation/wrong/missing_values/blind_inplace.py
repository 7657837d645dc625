# expect: modified an array you passed in
# mistake: transform_imputer fills the NaNs of X in place and returns X itself (mutates the input)
import numpy as np


def fit_imputer(X_train):
    observed = ~np.isnan(X_train)
    counts = observed.sum(0)
    sums = np.where(observed, X_train, 0).sum(0)
    return np.divide(sums, counts, out=np.zeros(X_train.shape[1]), where=counts > 0)


def transform_imputer(fill, X):
    rows, cols = np.where(np.isnan(X))
    X[rows, cols] = fill[cols]
    return X


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
