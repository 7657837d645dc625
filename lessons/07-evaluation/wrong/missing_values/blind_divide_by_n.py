# expect: holes counted as zeros
# mistake: divides the sum of observed values by ALL rows (NaNs counted as zeros), biasing the mean toward 0
import numpy as np


def fit_imputer(X_train):
    return np.nan_to_num(X_train, nan=0.0).sum(axis=0) / X_train.shape[0]


def transform_imputer(fill, X):
    return np.where(np.isnan(X), fill[None, :], X)


def impute_split(X_train, X_test):
    fill = fit_imputer(X_train)
    return transform_imputer(fill, X_train), transform_imputer(fill, X_test)
