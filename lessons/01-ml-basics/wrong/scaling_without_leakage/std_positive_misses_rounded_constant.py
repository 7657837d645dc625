# expect: no exact binary form
# The old reference: 'std > 0' gives a column of 0.1s (std ~1.4e-17 from rounding) that tiny scale.
"""Wrong: constant columns detected by std > 0."""

import numpy as np


def fit_scaler(X_train: np.ndarray):
    """(mean, scale), each of shape (D,): column means and population stds of X_train.

    A constant column has scale 1, so transform leaves it at (about) 0. "Constant" is tested
    on the values: a column of 0.1s has a computed std of about 1e-17 (rounding), not 0.
    """
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    return mean, np.where(std > 0, std, 1.0)


def transform(X: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(X - mean) / scale, for any number of rows."""
    return (X - mean) / scale


def scale_train_test(X_train: np.ndarray, X_test: np.ndarray):
    """(X_train_scaled, X_test_scaled): one scaler, fitted on the training rows, applied to both."""
    mean, scale = fit_scaler(X_train)
    return transform(X_train, mean, scale), transform(X_test, mean, scale)
