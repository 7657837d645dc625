"""Feature scaling without leaking the test set.

A scaler *learns* two numbers per feature (a mean and a scale). Like any
model it may learn only from the training set; the test set is transformed
with those training statistics, never with its own and never with both.

fit_scaler(X_train)           -> (mean, scale), each shape (D,); scale = population std,
                                 or 1 where the std is 0 (constant columns)
transform(X, mean, scale)     -> (X - mean) / scale
scale_train_test(X_train, X_test) -> (X_train_scaled, X_test_scaled)

The check uses the 8×8 digits: several pixels are 0 in every image.

Run `dltutor check scaling_without_leakage` to test your implementation.
"""

import numpy as np


def fit_scaler(X_train: np.ndarray):
    """(mean, scale), each of shape (D,): column means and population stds of X_train."""
    # TODO: axis=0; replace a zero std by 1.
    raise NotImplementedError


def transform(X: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """(X - mean) / scale, for any number of rows."""
    # TODO
    raise NotImplementedError


def scale_train_test(X_train: np.ndarray, X_test: np.ndarray):
    """(X_train_scaled, X_test_scaled): one scaler, fitted on the training rows, applied to both."""
    # TODO: fit on X_train only.
    raise NotImplementedError
