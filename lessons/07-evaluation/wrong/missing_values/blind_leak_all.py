# expect: LEAKAGE: the training rows
# mistake: impute_split fits the means on train+test stacked together (test leakage)
import numpy as np


def fit_imputer(X_train):
    observed = ~np.isnan(X_train)
    counts = observed.sum(0)
    sums = np.where(observed, X_train, 0).sum(0)
    return np.divide(sums, counts, out=np.zeros(X_train.shape[1]), where=counts > 0)


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(np.vstack([X_train, X_test]))
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
